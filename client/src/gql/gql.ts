/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment AuthFields on AuthPayload {\n    accessToken\n    refreshToken\n    expiresIn\n    user {\n      id\n      username\n      email\n      role\n    }\n  }\n": typeof types.AuthFieldsFragmentDoc,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      ...AuthFields\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...AuthFields\n    }\n  }\n": typeof types.RegisterDocument,
    "\n  mutation RefreshToken($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      ...AuthFields\n    }\n  }\n": typeof types.RefreshTokenDocument,
    "\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n": typeof types.LogoutDocument,
    "\n  mutation CompleteTwoFactorLogin($input: CompleteTwoFactorLoginInput!) {\n    completeTwoFactorLogin(input: $input) {\n      ...AuthFields\n    }\n  }\n": typeof types.CompleteTwoFactorLoginDocument,
    "\n  query OidcProviders {\n    oidcProviders {\n      id\n      name\n    }\n  }\n": typeof types.OidcProvidersDocument,
    "\n  mutation ExchangeOidcCode($code: String!) {\n    exchangeOidcCode(code: $code) {\n      ...AuthFields\n    }\n  }\n": typeof types.ExchangeOidcCodeDocument,
    "\n  mutation ConfirmOidcLink($code: String!) {\n    confirmOidcLink(code: $code)\n  }\n": typeof types.ConfirmOidcLinkDocument,
    "\n  mutation EnrolTotpForSignIn($challengeToken: String!) {\n    enrolTotp(challengeToken: $challengeToken) {\n      secret\n      qrCodeDataUrl\n    }\n  }\n": typeof types.EnrolTotpForSignInDocument,
    "\n  mutation CompleteTwoFactorEnrolment($input: CompleteTwoFactorEnrolmentInput!) {\n    completeTwoFactorEnrolment(input: $input) {\n      recoveryCodes\n      session {\n        ...AuthFields\n      }\n    }\n  }\n": typeof types.CompleteTwoFactorEnrolmentDocument,
    "\n  mutation PasskeyLoginOptions($challengeToken: String!) {\n    passkeyLoginOptions(challengeToken: $challengeToken)\n  }\n": typeof types.PasskeyLoginOptionsDocument,
    "\n  mutation CompletePasskeyLogin($input: CompletePasskeyLoginInput!) {\n    completePasskeyLogin(input: $input) {\n      ...AuthFields\n    }\n  }\n": typeof types.CompletePasskeyLoginDocument,
    "\n  mutation PasskeySignInOptions {\n    passkeySignInOptions {\n      flowId\n      options\n    }\n  }\n": typeof types.PasskeySignInOptionsDocument,
    "\n  mutation SignInWithPasskey($input: SignInWithPasskeyInput!) {\n    signInWithPasskey(input: $input) {\n      ...AuthFields\n    }\n  }\n": typeof types.SignInWithPasskeyDocument,
    "\n  query UserAvatar {\n    me {\n      id\n      avatarUrl\n    }\n  }\n": typeof types.UserAvatarDocument,
    "\n  query SystemHealth {\n    systemHealth {\n      status\n      checkedAt\n      components {\n        name\n        kind\n        status\n        latencyMs\n        version\n        error\n        detail\n        checkedAt\n        uptime\n      }\n    }\n  }\n": typeof types.SystemHealthDocument,
    "\n  query MetricSeries($name: String!, $service: String, $from: DateTime, $to: DateTime, $step: Int) {\n    metricSeries(name: $name, service: $service, from: $from, to: $to, step: $step) {\n      time\n      service\n      value\n    }\n  }\n": typeof types.MetricSeriesDocument,
    "\n  fragment LiveMetrics_snapshot on MetricsSnapshot {\n    time\n    workers\n    services {\n      service\n      up\n      requestRate\n      errorRate\n      latencyP50\n      latencyP95\n      latencyP99\n      cpu\n      memoryBytes\n      eventLoopLag\n      subscriptions\n    }\n    queues {\n      agent\n      waiting\n      active\n      delayed\n      failed\n    }\n  }\n": typeof types.LiveMetrics_SnapshotFragmentDoc,
    "\n  query LiveMetrics {\n    latestMetrics {\n      ...LiveMetrics_snapshot\n    }\n  }\n": typeof types.LiveMetricsDocument,
    "\n  subscription LiveMetricsTick {\n    metricsTick {\n      ...LiveMetrics_snapshot\n    }\n  }\n": typeof types.LiveMetricsTickDocument,
    "\n  query Account {\n    me {\n      id\n      username\n      email\n      displayName\n      avatarUrl\n      pendingEmail\n      emailVerified\n      twoFactor {\n        enabled\n        recoveryCodesLeft\n      }\n      passkeys {\n        id\n        name\n        multiDevice\n        createdAt\n        lastUsedAt\n      }\n      linkedIdentities {\n        id\n        provider\n        email\n        lastUsedAt\n      }\n    }\n    oidcProviders {\n      id\n      name\n    }\n  }\n": typeof types.AccountDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      email\n      displayName\n      pendingEmail\n      emailVerified\n    }\n  }\n": typeof types.UpdateProfileDocument,
    "\n  mutation CreateAvatarUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      file {\n        id\n      }\n      uploadUrl\n    }\n  }\n": typeof types.CreateAvatarUploadDocument,
    "\n  mutation SetAvatar($fileId: ID!) {\n    setAvatar(fileId: $fileId) {\n      id\n      avatarUrl\n    }\n  }\n": typeof types.SetAvatarDocument,
    "\n  mutation RemoveAvatar {\n    removeAvatar {\n      id\n      avatarUrl\n    }\n  }\n": typeof types.RemoveAvatarDocument,
    "\n  mutation ResendVerification($email: String) {\n    resendVerification(email: $email)\n  }\n": typeof types.ResendVerificationDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n": typeof types.ChangePasswordDocument,
    "\n  query Sessions {\n    sessions(first: 50) {\n      edges {\n        node {\n          id\n          ip\n          device\n          createdAt\n          lastUsedAt\n          current\n        }\n      }\n    }\n  }\n": typeof types.SessionsDocument,
    "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n": typeof types.RevokeSessionDocument,
    "\n  mutation SignOutEverywhere {\n    signOutEverywhere\n  }\n": typeof types.SignOutEverywhereDocument,
    "\n  mutation EnrolTotp {\n    enrolTotp {\n      secret\n      otpauthUri\n      qrCodeDataUrl\n    }\n  }\n": typeof types.EnrolTotpDocument,
    "\n  mutation ConfirmTotp($input: ConfirmTotpInput!) {\n    confirmTotp(input: $input) {\n      codes\n    }\n  }\n": typeof types.ConfirmTotpDocument,
    "\n  mutation DisableTwoFactor($code: String!) {\n    disableTwoFactor(code: $code)\n  }\n": typeof types.DisableTwoFactorDocument,
    "\n  mutation RegenerateRecoveryCodes($code: String!) {\n    regenerateRecoveryCodes(code: $code) {\n      codes\n    }\n  }\n": typeof types.RegenerateRecoveryCodesDocument,
    "\n  mutation LinkOidcProvider($provider: ID!) {\n    linkOidcProvider(provider: $provider)\n  }\n": typeof types.LinkOidcProviderDocument,
    "\n  mutation UnlinkOidcProvider($provider: ID!) {\n    unlinkOidcProvider(provider: $provider)\n  }\n": typeof types.UnlinkOidcProviderDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input)\n  }\n": typeof types.ResetPasswordDocument,
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token)\n  }\n": typeof types.VerifyEmailDocument,
    "\n  mutation PasskeyRegistrationOptions {\n    passkeyRegistrationOptions\n  }\n": typeof types.PasskeyRegistrationOptionsDocument,
    "\n  mutation RegisterPasskey($input: RegisterPasskeyInput!) {\n    registerPasskey(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.RegisterPasskeyDocument,
    "\n  mutation RenamePasskey($id: ID!, $name: String!) {\n    renamePasskey(id: $id, name: $name) {\n      id\n      name\n    }\n  }\n": typeof types.RenamePasskeyDocument,
    "\n  mutation DeletePasskey($id: ID!) {\n    deletePasskey(id: $id)\n  }\n": typeof types.DeletePasskeyDocument,
    "\n  query AlertHistory($status: AlertStatus, $first: Int, $after: String) {\n    alerts(status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          status\n          summary\n          startedAt\n          firingAt\n          resolvedAt\n          silenced\n        }\n      }\n    }\n  }\n": typeof types.AlertHistoryDocument,
    "\n  fragment AlertList_alert on Alert {\n    id\n    ruleId\n    name\n    severity\n    status\n    summary\n    startedAt\n    firingAt\n    silenced\n  }\n": typeof types.AlertList_AlertFragmentDoc,
    "\n  query AlertsPageRules {\n    alertRules {\n      id\n      name\n      ...RulesTable_rule\n    }\n  }\n": typeof types.AlertsPageRulesDocument,
    "\n  fragment RulesTable_rule on AlertRule {\n    id\n    name\n    description\n    kind\n    severity\n    enabled\n    builtIn\n    metric\n    service\n    comparison\n    threshold\n    forSeconds\n    resolveAfterSeconds\n    notify\n    state\n    value\n    lastEvaluatedAt\n    silencedUntil\n  }\n": typeof types.RulesTable_RuleFragmentDoc,
    "\n  query SilencesPanel {\n    alertSilences {\n      id\n      ruleId\n      reason\n      startsAt\n      endsAt\n      active\n    }\n  }\n": typeof types.SilencesPanelDocument,
    "\n  query RuleFormChoices {\n    metricNames {\n      name\n      description\n      unit\n    }\n    systemHealth {\n      components {\n        name\n        kind\n      }\n    }\n  }\n": typeof types.RuleFormChoicesDocument,
    "\n  query ActiveAlerts {\n    activeAlerts {\n      id\n      status\n      ...AlertList_alert\n    }\n  }\n": typeof types.ActiveAlertsDocument,
    "\n  subscription AlertChanged {\n    alertChanged {\n      id\n      ruleId\n      name\n      severity\n      status\n      summary\n      value\n      startedAt\n      firingAt\n      resolvedAt\n      silenced\n      ...AlertList_alert\n      rule {\n        id\n        state\n        value\n        lastEvaluatedAt\n        silencedUntil\n      }\n    }\n  }\n": typeof types.AlertChangedDocument,
    "\n  mutation CreateAlertRule($input: AlertRuleInput!) {\n    createAlertRule(input: $input) {\n      ...RulesTable_rule\n    }\n  }\n": typeof types.CreateAlertRuleDocument,
    "\n  mutation UpdateAlertRule($id: ID!, $input: AlertRuleInput!) {\n    updateAlertRule(id: $id, input: $input) {\n      ...RulesTable_rule\n    }\n  }\n": typeof types.UpdateAlertRuleDocument,
    "\n  mutation DeleteAlertRule($id: ID!) {\n    deleteAlertRule(id: $id)\n  }\n": typeof types.DeleteAlertRuleDocument,
    "\n  mutation SetAlertRuleEnabled($id: ID!, $enabled: Boolean!) {\n    setAlertRuleEnabled(id: $id, enabled: $enabled) {\n      ...RulesTable_rule\n    }\n  }\n": typeof types.SetAlertRuleEnabledDocument,
    "\n  mutation CreateAlertSilence($ruleId: ID, $durationSeconds: Int!, $reason: String!) {\n    createAlertSilence(ruleId: $ruleId, durationSeconds: $durationSeconds, reason: $reason) {\n      id\n      ruleId\n      reason\n      startsAt\n      endsAt\n      active\n    }\n  }\n": typeof types.CreateAlertSilenceDocument,
    "\n  mutation ExpireAlertSilence($id: ID!) {\n    expireAlertSilence(id: $id) {\n      id\n      ruleId\n      reason\n      startsAt\n      endsAt\n      active\n    }\n  }\n": typeof types.ExpireAlertSilenceDocument,
    "\n  fragment ChannelCard_channel on Channel {\n    id\n    name\n    platform\n    description\n    status\n    viewerRole\n    nextPostAt\n    owner {\n      id\n      username\n    }\n  }\n": typeof types.ChannelCard_ChannelFragmentDoc,
    "\n  query ChannelPage($id: ID!) {\n    channel(id: $id) {\n      id\n      name\n      slug\n      platform\n      description\n      status\n      viewerRole\n      owner {\n        id\n        username\n      }\n      ...EditChannelForm_channel\n      ...MembersPanel_channel\n      ...ContentLibrary_channel\n    }\n  }\n": typeof types.ChannelPageDocument,
    "\n  query ChannelsPage($first: Int, $after: String, $search: String, $status: ChannelStatus) {\n    channels(first: $first, after: $after, search: $search, status: $status) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...ChannelCard_channel\n        }\n      }\n    }\n  }\n": typeof types.ChannelsPageDocument,
    "\n  fragment ContentLibrary_channel on Channel {\n    id\n    contentItems(first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          body\n          kind\n          status\n          createdAt\n          sourceTask {\n            id\n          }\n        }\n      }\n    }\n  }\n": typeof types.ContentLibrary_ChannelFragmentDoc,
    "\n  fragment EditChannelForm_channel on Channel {\n    id\n    name\n    platform\n    description\n    status\n    settings {\n      tone\n      audience\n      language\n      hashtags\n      postingSchedule\n    }\n  }\n": typeof types.EditChannelForm_ChannelFragmentDoc,
    "\n  fragment MembersPanel_channel on Channel {\n    id\n    members(first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          role\n          user {\n            id\n            username\n          }\n        }\n      }\n    }\n  }\n": typeof types.MembersPanel_ChannelFragmentDoc,
    "\n  mutation CreateChannel($input: CreateChannelInput!) {\n    createChannel(input: $input) {\n      id\n      ...ChannelCard_channel\n    }\n  }\n": typeof types.CreateChannelDocument,
    "\n  mutation UpdateChannel($id: ID!, $input: UpdateChannelInput!) {\n    updateChannel(id: $id, input: $input) {\n      ...EditChannelForm_channel\n      ...ChannelCard_channel\n    }\n  }\n": typeof types.UpdateChannelDocument,
    "\n  mutation ArchiveChannel($id: ID!) {\n    archiveChannel(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.ArchiveChannelDocument,
    "\n  mutation RestoreChannel($id: ID!) {\n    restoreChannel(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.RestoreChannelDocument,
    "\n  mutation AddChannelMember($channelId: ID!, $userId: ID!, $role: ChannelRole!) {\n    addChannelMember(channelId: $channelId, userId: $userId, role: $role) {\n      id\n      channel {\n        id\n        ...MembersPanel_channel\n      }\n    }\n  }\n": typeof types.AddChannelMemberDocument,
    "\n  query UserByUsername($username: String!) {\n    userByUsername(username: $username) {\n      id\n      username\n    }\n  }\n": typeof types.UserByUsernameDocument,
    "\n  mutation RemoveChannelMember($channelId: ID!, $userId: ID!) {\n    removeChannelMember(channelId: $channelId, userId: $userId)\n  }\n": typeof types.RemoveChannelMemberDocument,
    "\n  mutation CreateContentItem($input: CreateContentItemInput!) {\n    createContentItem(input: $input) {\n      id\n      channel {\n        id\n        ...ContentLibrary_channel\n      }\n    }\n  }\n": typeof types.CreateContentItemDocument,
    "\n  mutation ApproveContentItem($id: ID!) {\n    approveContentItem(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.ApproveContentItemDocument,
    "\n  mutation PublishContentItem($id: ID!) {\n    publishContentItem(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.PublishContentItemDocument,
    "\n  fragment ErrorIssueRow_group on ErrorGroup {\n    id\n    type\n    message\n    service\n    severity\n    count\n    firstSeen\n    lastSeen\n    resolved\n    resolvedAt\n    reopenedCount\n    hourly\n    stackTrace\n    sampleContext\n  }\n": typeof types.ErrorIssueRow_GroupFragmentDoc,
    "\n  query ErrorsPage($first: Int, $after: String, $resolved: Boolean, $service: String, $state: ErrorGroupState) {\n    errors(first: $first, after: $after, resolved: $resolved, service: $service, state: $state) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...ErrorIssueRow_group\n        }\n      }\n    }\n  }\n": typeof types.ErrorsPageDocument,
    "\n  mutation ResolveError($id: ID!) {\n    resolveError(id: $id) {\n      ...ErrorIssueRow_group\n    }\n  }\n": typeof types.ResolveErrorDocument,
    "\n  mutation ReopenError($id: ID!) {\n    reopenError(id: $id) {\n      ...ErrorIssueRow_group\n    }\n  }\n": typeof types.ReopenErrorDocument,
    "\n  fragment AvatarPanel_user on User {\n    id\n    avatarUrl\n  }\n": typeof types.AvatarPanel_UserFragmentDoc,
    "\n  fragment FileCard_file on File {\n    id\n    filename\n    contentType\n    size\n    status\n    createdAt\n    downloadUrl\n    channel {\n      id\n      name\n    }\n  }\n": typeof types.FileCard_FileFragmentDoc,
    "\n  query FilesPage($first: Int, $after: String, $search: String) {\n    files(first: $first, after: $after, search: $search) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...FileCard_file\n        }\n      }\n    }\n    storageUsage {\n      usedBytes\n      quotaBytes\n      maxFileBytes\n      fileCount\n      allowedTypes\n    }\n    me {\n      id\n      ...AvatarPanel_user\n    }\n  }\n": typeof types.FilesPageDocument,
    "\n  query UploaderPanelFile($id: ID!) {\n    file(id: $id) {\n      id\n      size\n      ...FileCard_file\n    }\n  }\n": typeof types.UploaderPanelFileDocument,
    "\n  query CapabilityFieldsFiles {\n    files(first: 100) {\n      edges {\n        node {\n          id\n          filename\n        }\n      }\n    }\n  }\n": typeof types.CapabilityFieldsFilesDocument,
    "\n  mutation CreateUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      uploadUrl\n      expiresAt\n      file {\n        id\n      }\n    }\n  }\n": typeof types.CreateUploadDocument,
    "\n  mutation DeleteFile($id: ID!) {\n    deleteFile(id: $id)\n  }\n": typeof types.DeleteFileDocument,
    "\n  fragment LogRow_line on LogEntry {\n    id\n    time\n    service\n    level\n    message\n    requestId\n    userId\n    context\n  }\n": typeof types.LogRow_LineFragmentDoc,
    "\n  fragment LogStream_line on LogEntry {\n    id\n    service\n    level\n    message\n    requestId\n    userId\n    context\n    ...LogRow_line\n  }\n": typeof types.LogStream_LineFragmentDoc,
    "\n  query LogStream(\n    $first: Int\n    $after: String\n    $level: LogLevel\n    $service: String\n    $search: String\n    $requestId: String\n    $status: Int\n    $route: String\n    $userId: String\n    $from: DateTime\n  ) {\n    logs(\n      first: $first\n      after: $after\n      level: $level\n      service: $service\n      search: $search\n      requestId: $requestId\n      status: $status\n      route: $route\n      userId: $userId\n      from: $from\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...LogStream_line\n        }\n      }\n    }\n  }\n": typeof types.LogStreamDocument,
    "\n  query LogServices {\n    logServices\n  }\n": typeof types.LogServicesDocument,
    "\n  subscription LogStreamTail($level: LogLevel, $service: String) {\n    logAdded(level: $level, service: $service) {\n      ...LogStream_line\n    }\n  }\n": typeof types.LogStreamTailDocument,
    "\n  query OpenErrors {\n    errors(first: 5, resolved: false) {\n      totalCount\n      edges {\n        node {\n          id\n          type\n          message\n          service\n          severity\n          count\n          lastSeen\n        }\n      }\n    }\n  }\n": typeof types.OpenErrorsDocument,
    "\n  query RecentTasks {\n    tasks(first: 5) {\n      edges {\n        node {\n          id\n          type\n          agent\n          status\n          createdAt\n        }\n      }\n    }\n  }\n": typeof types.RecentTasksDocument,
    "\n  fragment BackupTable_backup on Backup {\n    id\n    kind\n    status\n    size\n    startedAt\n    duration\n    encrypted\n    verified\n    verifiedAt\n    problems\n  }\n": typeof types.BackupTable_BackupFragmentDoc,
    "\n  query BackupTaskProgress($id: ID!) {\n    task(id: $id) {\n      id\n      type\n      status\n      progress\n      progressMessage\n      error\n    }\n  }\n": typeof types.BackupTaskProgressDocument,
    "\n  query BackupsPage {\n    backups {\n      id\n      ...BackupTable_backup\n    }\n    backupOverview {\n      schedule\n      nextRunAt\n      retentionDays\n      encryption\n      lastGood {\n        id\n        startedAt\n      }\n    }\n  }\n": typeof types.BackupsPageDocument,
    "\n  query QueueTable {\n    queueStats {\n      agent\n      waiting\n      active\n      delayed\n      failed\n      completed\n      paused\n      workers\n    }\n  }\n": typeof types.QueueTableDocument,
    "\n  mutation CreateBackup {\n    createBackup(input: { verify: true }) {\n      id\n    }\n  }\n": typeof types.CreateBackupDocument,
    "\n  mutation VerifyBackup($id: ID!) {\n    verifyBackup(id: $id) {\n      id\n    }\n  }\n": typeof types.VerifyBackupDocument,
    "\n  fragment AgentCards_agent on Agent {\n    id\n    name\n    description\n    status\n    ... @defer {\n      stats {\n        total\n        pending\n        queued\n        running\n        succeeded\n        failed\n        cancelled\n        successRate\n        averageDurationMs\n        lastCompletedAt\n      }\n    }\n  }\n": typeof types.AgentCards_AgentFragmentDoc,
    "\n  fragment PipelineGraph_task on Task {\n    id\n    type\n    agent\n    status\n    schedule\n    children(first: 10) {\n      edges {\n        node {\n          id\n          type\n          agent\n          status\n        }\n      }\n    }\n    parent {\n      id\n      type\n      agent\n      status\n      schedule\n      children(first: 10) {\n        edges {\n          node {\n            id\n            type\n            agent\n            status\n          }\n        }\n      }\n    }\n  }\n": typeof types.PipelineGraph_TaskFragmentDoc,
    "\n  subscription PipelineStep($id: ID!) {\n    taskUpdated(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.PipelineStepDocument,
    "\n  fragment RunTaskForm_agent on Agent {\n    id\n    name\n    status\n    capabilities\n  }\n": typeof types.RunTaskForm_AgentFragmentDoc,
    "\n  fragment TaskListRow_task on Task {\n    id\n    type\n    agent\n    status\n    progress\n    createdAt\n  }\n": typeof types.TaskListRow_TaskFragmentDoc,
    "\n  fragment TaskLogPanel_task on Task {\n    id\n    status\n    logs(last: 200) {\n      createdAt\n      level\n      message\n      data\n    }\n  }\n": typeof types.TaskLogPanel_TaskFragmentDoc,
    "\n  query TaskPage($id: ID!) {\n    task(id: $id) {\n      id\n      agent\n      type\n      status\n      progress\n      progressMessage\n      attempts\n      maxAttempts\n      error\n      createdAt\n      startedAt\n      completedAt\n      durationMs\n      mode\n      usage {\n        inputTokens\n        outputTokens\n        costUsd\n      }\n      input\n      result\n      output\n      schedule\n      nextRunAt\n      channel {\n        id\n        name\n      }\n      parent {\n        id\n        schedule\n      }\n      children(first: 10) {\n        totalCount\n      }\n      ...TaskLogPanel_task\n      ...PipelineGraph_task\n    }\n  }\n": typeof types.TaskPageDocument,
    "\n  subscription TaskPageUpdates($id: ID) {\n    taskUpdated(id: $id) {\n      id\n      status\n      progress\n      progressMessage\n      attempts\n      error\n      startedAt\n      completedAt\n      durationMs\n      mode\n      usage {\n        inputTokens\n        outputTokens\n        costUsd\n      }\n      result\n      ...TaskLogPanel_task\n    }\n  }\n": typeof types.TaskPageUpdatesDocument,
    "\n  query TasksPageAgents {\n    agents {\n      id\n      name\n      capabilities\n      ...RunTaskForm_agent\n      ...AgentCards_agent\n    }\n  }\n": typeof types.TasksPageAgentsDocument,
    "\n  query TasksPage(\n    $first: Int\n    $after: String\n    $status: TaskStatus\n    $agent: String\n    $type: String\n    $channelId: ID\n    $createdBy: ID\n    $search: String\n    $createdFrom: DateTime\n  ) {\n    tasks(\n      first: $first\n      after: $after\n      status: $status\n      agent: $agent\n      type: $type\n      channelId: $channelId\n      createdBy: $createdBy\n      search: $search\n      createdFrom: $createdFrom\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...TaskUpdates_task\n        }\n      }\n    }\n  }\n": typeof types.TasksPageDocument,
    "\n  subscription TaskOutput($id: ID!) {\n    taskOutput(id: $id) {\n      taskId\n      attempt\n      offset\n      text\n      done\n    }\n  }\n": typeof types.TaskOutputDocument,
    "\n  fragment TaskChange_task on Task {\n    id\n    status\n    agent\n    type\n    progress\n    progressMessage\n    attempts\n    error\n    startedAt\n    completedAt\n    durationMs\n    ...TaskListRow_task\n  }\n": typeof types.TaskChange_TaskFragmentDoc,
    "\n  mutation CreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      status\n      agent\n      type\n      ...TaskChange_task\n    }\n  }\n": typeof types.CreateTaskDocument,
    "\n  mutation CancelTask($id: ID!) {\n    cancelTask(id: $id) {\n      id\n      status\n      agent\n      type\n      ...TaskChange_task\n    }\n  }\n": typeof types.CancelTaskDocument,
    "\n  mutation RetryTask($id: ID!) {\n    retryTask(id: $id) {\n      id\n      status\n      agent\n      type\n      ...TaskChange_task\n    }\n  }\n": typeof types.RetryTaskDocument,
    "\n  fragment TaskUpdates_task on Task {\n    id\n    status\n    agent\n    type\n    ...TaskListRow_task\n  }\n": typeof types.TaskUpdates_TaskFragmentDoc,
    "\n  subscription TasksPageUpdates {\n    taskUpdated {\n      id\n      status\n      agent\n      type\n      ...TaskListRow_task\n    }\n  }\n": typeof types.TasksPageUpdatesDocument,
    "\n  fragment ApiKeysPanel_key on ApiKey {\n    id\n    name\n    role\n    prefix\n    expiresAt\n    lastUsedAt\n    revokedAt\n    createdAt\n  }\n": typeof types.ApiKeysPanel_KeyFragmentDoc,
    "\n  query ApiKeysPanel {\n    apiKeys {\n      ...ApiKeysPanel_key\n    }\n  }\n": typeof types.ApiKeysPanelDocument,
    "\n  query AuditLogPanel($first: Int, $type: AuditEventType) {\n    auditLog(first: $first, type: $type) {\n      totalCount\n      edges {\n        node {\n          id\n          type\n          actorId\n          subjectId\n          ip\n          createdAt\n        }\n      }\n    }\n  }\n": typeof types.AuditLogPanelDocument,
    "\n  query UserTable($first: Int, $after: String, $search: String, $role: Role) {\n    users(first: $first, after: $after, search: $search, role: $role) {\n      totalCount\n      edges {\n        node {\n          id\n          username\n          email\n          role\n          disabled\n          createdAt\n          lastLoginAt\n        }\n      }\n    }\n  }\n": typeof types.UserTableDocument,
    "\n  mutation SetUserRole($userId: ID!, $role: Role!) {\n    setUserRole(userId: $userId, role: $role) {\n      id\n      role\n    }\n  }\n": typeof types.SetUserRoleDocument,
    "\n  mutation SetUserDisabled($userId: ID!, $disabled: Boolean!) {\n    setUserDisabled(userId: $userId, disabled: $disabled) {\n      id\n      disabled\n    }\n  }\n": typeof types.SetUserDisabledDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        ...ApiKeysPanel_key\n      }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id)\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  query DeliveryLog($endpointId: ID!, $first: Int, $after: String) {\n    webhookEndpointAttempts(endpointId: $endpointId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          messageId\n          eventType\n          attempt\n          statusCode\n          latencyMs\n          responseExcerpt\n          error\n          createdAt\n        }\n      }\n    }\n  }\n": typeof types.DeliveryLogDocument,
    "\n  fragment EndpointActions_endpoint on WebhookEndpoint {\n    id\n    url\n    status\n  }\n": typeof types.EndpointActions_EndpointFragmentDoc,
    "\n  subscription EndpointDisabledNotices {\n    webhookEndpointDisabled {\n      id\n      url\n      status\n      disabledReason\n      disabledAt\n    }\n  }\n": typeof types.EndpointDisabledNoticesDocument,
    "\n  fragment EndpointRow_endpoint on WebhookEndpoint {\n    id\n    url\n    eventTypes\n    createdAt\n    ...EndpointStatus_endpoint\n    ...EndpointActions_endpoint\n  }\n": typeof types.EndpointRow_EndpointFragmentDoc,
    "\n  fragment EndpointStatus_endpoint on WebhookEndpoint {\n    id\n    status\n    disabledReason\n  }\n": typeof types.EndpointStatus_EndpointFragmentDoc,
    "\n  query ReceivedPayloads($sourceId: ID!, $first: Int, $after: String) {\n    webhookDeliveries(sourceId: $sourceId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          webhookId\n          status\n          error\n          taskId\n          body\n          createdAt\n        }\n      }\n    }\n  }\n": typeof types.ReceivedPayloadsDocument,
    "\n  mutation ReplayInboundWebhook($id: ID!) {\n    replayInboundWebhook(id: $id) {\n      id\n      webhookId\n      status\n      error\n      taskId\n    }\n  }\n": typeof types.ReplayInboundWebhookDocument,
    "\n  fragment SourceAction_source on WebhookSource {\n    id\n    action\n    agent\n    taskType\n  }\n": typeof types.SourceAction_SourceFragmentDoc,
    "\n  fragment SourceRow_source on WebhookSource {\n    id\n    name\n    signature\n    secretCount\n    createdAt\n    ...SourceAction_source\n  }\n": typeof types.SourceRow_SourceFragmentDoc,
    "\n  query WebhookEndpointPage($id: ID!) {\n    webhookEndpoint(id: $id) {\n      id\n      url\n      eventTypes\n      status\n      createdAt\n      ...EndpointStatus_endpoint\n      ...EndpointActions_endpoint\n    }\n  }\n": typeof types.WebhookEndpointPageDocument,
    "\n  query WebhookEndpointsPage($first: Int, $after: String) {\n    webhookEndpoints(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...EndpointRow_endpoint\n        }\n      }\n    }\n    webhookEventTypes\n  }\n": typeof types.WebhookEndpointsPageDocument,
    "\n  query WebhookSourcePage($id: ID!) {\n    webhookSource(id: $id) {\n      id\n      name\n      signature\n      secretCount\n      createdAt\n      owner {\n        id\n        username\n      }\n      ...SourceAction_source\n    }\n  }\n": typeof types.WebhookSourcePageDocument,
    "\n  query WebhookSourcesPage($first: Int, $after: String) {\n    webhookSources(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...SourceRow_source\n        }\n      }\n    }\n  }\n": typeof types.WebhookSourcesPageDocument,
    "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      secret\n      endpoint {\n        id\n        url\n        ...EndpointRow_endpoint\n      }\n    }\n  }\n": typeof types.CreateWebhookEndpointDocument,
    "\n  mutation SetWebhookEndpointDisabled($id: ID!, $disabled: Boolean!) {\n    setWebhookEndpointDisabled(id: $id, disabled: $disabled) {\n      id\n      ...EndpointStatus_endpoint\n      ...EndpointActions_endpoint\n    }\n  }\n": typeof types.SetWebhookEndpointDisabledDocument,
    "\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id)\n  }\n": typeof types.DeleteWebhookEndpointDocument,
    "\n  query CreateSourceFormAgents {\n    agents {\n      id\n      name\n      status\n      capabilities\n    }\n  }\n": typeof types.CreateSourceFormAgentsDocument,
    "\n  mutation CreateWebhookSource($input: CreateWebhookSourceInput!) {\n    createWebhookSource(input: $input) {\n      secret\n      source {\n        id\n        name\n        ...SourceRow_source\n      }\n    }\n  }\n": typeof types.CreateWebhookSourceDocument,
    "\n  mutation RotateWebhookSourceSecret($id: ID!) {\n    rotateWebhookSourceSecret(id: $id) {\n      secret\n      source {\n        id\n        secretCount\n      }\n    }\n  }\n": typeof types.RotateWebhookSourceSecretDocument,
    "\n  mutation SendTestWebhook($endpointId: ID!) {\n    sendTestWebhook(endpointId: $endpointId) {\n      messageId\n      queued\n    }\n  }\n": typeof types.SendTestWebhookDocument,
};
const documents: Documents = {
    "\n  fragment AuthFields on AuthPayload {\n    accessToken\n    refreshToken\n    expiresIn\n    user {\n      id\n      username\n      email\n      role\n    }\n  }\n": types.AuthFieldsFragmentDoc,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      ...AuthFields\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...AuthFields\n    }\n  }\n": types.RegisterDocument,
    "\n  mutation RefreshToken($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      ...AuthFields\n    }\n  }\n": types.RefreshTokenDocument,
    "\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n": types.LogoutDocument,
    "\n  mutation CompleteTwoFactorLogin($input: CompleteTwoFactorLoginInput!) {\n    completeTwoFactorLogin(input: $input) {\n      ...AuthFields\n    }\n  }\n": types.CompleteTwoFactorLoginDocument,
    "\n  query OidcProviders {\n    oidcProviders {\n      id\n      name\n    }\n  }\n": types.OidcProvidersDocument,
    "\n  mutation ExchangeOidcCode($code: String!) {\n    exchangeOidcCode(code: $code) {\n      ...AuthFields\n    }\n  }\n": types.ExchangeOidcCodeDocument,
    "\n  mutation ConfirmOidcLink($code: String!) {\n    confirmOidcLink(code: $code)\n  }\n": types.ConfirmOidcLinkDocument,
    "\n  mutation EnrolTotpForSignIn($challengeToken: String!) {\n    enrolTotp(challengeToken: $challengeToken) {\n      secret\n      qrCodeDataUrl\n    }\n  }\n": types.EnrolTotpForSignInDocument,
    "\n  mutation CompleteTwoFactorEnrolment($input: CompleteTwoFactorEnrolmentInput!) {\n    completeTwoFactorEnrolment(input: $input) {\n      recoveryCodes\n      session {\n        ...AuthFields\n      }\n    }\n  }\n": types.CompleteTwoFactorEnrolmentDocument,
    "\n  mutation PasskeyLoginOptions($challengeToken: String!) {\n    passkeyLoginOptions(challengeToken: $challengeToken)\n  }\n": types.PasskeyLoginOptionsDocument,
    "\n  mutation CompletePasskeyLogin($input: CompletePasskeyLoginInput!) {\n    completePasskeyLogin(input: $input) {\n      ...AuthFields\n    }\n  }\n": types.CompletePasskeyLoginDocument,
    "\n  mutation PasskeySignInOptions {\n    passkeySignInOptions {\n      flowId\n      options\n    }\n  }\n": types.PasskeySignInOptionsDocument,
    "\n  mutation SignInWithPasskey($input: SignInWithPasskeyInput!) {\n    signInWithPasskey(input: $input) {\n      ...AuthFields\n    }\n  }\n": types.SignInWithPasskeyDocument,
    "\n  query UserAvatar {\n    me {\n      id\n      avatarUrl\n    }\n  }\n": types.UserAvatarDocument,
    "\n  query SystemHealth {\n    systemHealth {\n      status\n      checkedAt\n      components {\n        name\n        kind\n        status\n        latencyMs\n        version\n        error\n        detail\n        checkedAt\n        uptime\n      }\n    }\n  }\n": types.SystemHealthDocument,
    "\n  query MetricSeries($name: String!, $service: String, $from: DateTime, $to: DateTime, $step: Int) {\n    metricSeries(name: $name, service: $service, from: $from, to: $to, step: $step) {\n      time\n      service\n      value\n    }\n  }\n": types.MetricSeriesDocument,
    "\n  fragment LiveMetrics_snapshot on MetricsSnapshot {\n    time\n    workers\n    services {\n      service\n      up\n      requestRate\n      errorRate\n      latencyP50\n      latencyP95\n      latencyP99\n      cpu\n      memoryBytes\n      eventLoopLag\n      subscriptions\n    }\n    queues {\n      agent\n      waiting\n      active\n      delayed\n      failed\n    }\n  }\n": types.LiveMetrics_SnapshotFragmentDoc,
    "\n  query LiveMetrics {\n    latestMetrics {\n      ...LiveMetrics_snapshot\n    }\n  }\n": types.LiveMetricsDocument,
    "\n  subscription LiveMetricsTick {\n    metricsTick {\n      ...LiveMetrics_snapshot\n    }\n  }\n": types.LiveMetricsTickDocument,
    "\n  query Account {\n    me {\n      id\n      username\n      email\n      displayName\n      avatarUrl\n      pendingEmail\n      emailVerified\n      twoFactor {\n        enabled\n        recoveryCodesLeft\n      }\n      passkeys {\n        id\n        name\n        multiDevice\n        createdAt\n        lastUsedAt\n      }\n      linkedIdentities {\n        id\n        provider\n        email\n        lastUsedAt\n      }\n    }\n    oidcProviders {\n      id\n      name\n    }\n  }\n": types.AccountDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      email\n      displayName\n      pendingEmail\n      emailVerified\n    }\n  }\n": types.UpdateProfileDocument,
    "\n  mutation CreateAvatarUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      file {\n        id\n      }\n      uploadUrl\n    }\n  }\n": types.CreateAvatarUploadDocument,
    "\n  mutation SetAvatar($fileId: ID!) {\n    setAvatar(fileId: $fileId) {\n      id\n      avatarUrl\n    }\n  }\n": types.SetAvatarDocument,
    "\n  mutation RemoveAvatar {\n    removeAvatar {\n      id\n      avatarUrl\n    }\n  }\n": types.RemoveAvatarDocument,
    "\n  mutation ResendVerification($email: String) {\n    resendVerification(email: $email)\n  }\n": types.ResendVerificationDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n": types.ChangePasswordDocument,
    "\n  query Sessions {\n    sessions(first: 50) {\n      edges {\n        node {\n          id\n          ip\n          device\n          createdAt\n          lastUsedAt\n          current\n        }\n      }\n    }\n  }\n": types.SessionsDocument,
    "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n": types.RevokeSessionDocument,
    "\n  mutation SignOutEverywhere {\n    signOutEverywhere\n  }\n": types.SignOutEverywhereDocument,
    "\n  mutation EnrolTotp {\n    enrolTotp {\n      secret\n      otpauthUri\n      qrCodeDataUrl\n    }\n  }\n": types.EnrolTotpDocument,
    "\n  mutation ConfirmTotp($input: ConfirmTotpInput!) {\n    confirmTotp(input: $input) {\n      codes\n    }\n  }\n": types.ConfirmTotpDocument,
    "\n  mutation DisableTwoFactor($code: String!) {\n    disableTwoFactor(code: $code)\n  }\n": types.DisableTwoFactorDocument,
    "\n  mutation RegenerateRecoveryCodes($code: String!) {\n    regenerateRecoveryCodes(code: $code) {\n      codes\n    }\n  }\n": types.RegenerateRecoveryCodesDocument,
    "\n  mutation LinkOidcProvider($provider: ID!) {\n    linkOidcProvider(provider: $provider)\n  }\n": types.LinkOidcProviderDocument,
    "\n  mutation UnlinkOidcProvider($provider: ID!) {\n    unlinkOidcProvider(provider: $provider)\n  }\n": types.UnlinkOidcProviderDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input)\n  }\n": types.ResetPasswordDocument,
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token)\n  }\n": types.VerifyEmailDocument,
    "\n  mutation PasskeyRegistrationOptions {\n    passkeyRegistrationOptions\n  }\n": types.PasskeyRegistrationOptionsDocument,
    "\n  mutation RegisterPasskey($input: RegisterPasskeyInput!) {\n    registerPasskey(input: $input) {\n      id\n      name\n    }\n  }\n": types.RegisterPasskeyDocument,
    "\n  mutation RenamePasskey($id: ID!, $name: String!) {\n    renamePasskey(id: $id, name: $name) {\n      id\n      name\n    }\n  }\n": types.RenamePasskeyDocument,
    "\n  mutation DeletePasskey($id: ID!) {\n    deletePasskey(id: $id)\n  }\n": types.DeletePasskeyDocument,
    "\n  query AlertHistory($status: AlertStatus, $first: Int, $after: String) {\n    alerts(status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          status\n          summary\n          startedAt\n          firingAt\n          resolvedAt\n          silenced\n        }\n      }\n    }\n  }\n": types.AlertHistoryDocument,
    "\n  fragment AlertList_alert on Alert {\n    id\n    ruleId\n    name\n    severity\n    status\n    summary\n    startedAt\n    firingAt\n    silenced\n  }\n": types.AlertList_AlertFragmentDoc,
    "\n  query AlertsPageRules {\n    alertRules {\n      id\n      name\n      ...RulesTable_rule\n    }\n  }\n": types.AlertsPageRulesDocument,
    "\n  fragment RulesTable_rule on AlertRule {\n    id\n    name\n    description\n    kind\n    severity\n    enabled\n    builtIn\n    metric\n    service\n    comparison\n    threshold\n    forSeconds\n    resolveAfterSeconds\n    notify\n    state\n    value\n    lastEvaluatedAt\n    silencedUntil\n  }\n": types.RulesTable_RuleFragmentDoc,
    "\n  query SilencesPanel {\n    alertSilences {\n      id\n      ruleId\n      reason\n      startsAt\n      endsAt\n      active\n    }\n  }\n": types.SilencesPanelDocument,
    "\n  query RuleFormChoices {\n    metricNames {\n      name\n      description\n      unit\n    }\n    systemHealth {\n      components {\n        name\n        kind\n      }\n    }\n  }\n": types.RuleFormChoicesDocument,
    "\n  query ActiveAlerts {\n    activeAlerts {\n      id\n      status\n      ...AlertList_alert\n    }\n  }\n": types.ActiveAlertsDocument,
    "\n  subscription AlertChanged {\n    alertChanged {\n      id\n      ruleId\n      name\n      severity\n      status\n      summary\n      value\n      startedAt\n      firingAt\n      resolvedAt\n      silenced\n      ...AlertList_alert\n      rule {\n        id\n        state\n        value\n        lastEvaluatedAt\n        silencedUntil\n      }\n    }\n  }\n": types.AlertChangedDocument,
    "\n  mutation CreateAlertRule($input: AlertRuleInput!) {\n    createAlertRule(input: $input) {\n      ...RulesTable_rule\n    }\n  }\n": types.CreateAlertRuleDocument,
    "\n  mutation UpdateAlertRule($id: ID!, $input: AlertRuleInput!) {\n    updateAlertRule(id: $id, input: $input) {\n      ...RulesTable_rule\n    }\n  }\n": types.UpdateAlertRuleDocument,
    "\n  mutation DeleteAlertRule($id: ID!) {\n    deleteAlertRule(id: $id)\n  }\n": types.DeleteAlertRuleDocument,
    "\n  mutation SetAlertRuleEnabled($id: ID!, $enabled: Boolean!) {\n    setAlertRuleEnabled(id: $id, enabled: $enabled) {\n      ...RulesTable_rule\n    }\n  }\n": types.SetAlertRuleEnabledDocument,
    "\n  mutation CreateAlertSilence($ruleId: ID, $durationSeconds: Int!, $reason: String!) {\n    createAlertSilence(ruleId: $ruleId, durationSeconds: $durationSeconds, reason: $reason) {\n      id\n      ruleId\n      reason\n      startsAt\n      endsAt\n      active\n    }\n  }\n": types.CreateAlertSilenceDocument,
    "\n  mutation ExpireAlertSilence($id: ID!) {\n    expireAlertSilence(id: $id) {\n      id\n      ruleId\n      reason\n      startsAt\n      endsAt\n      active\n    }\n  }\n": types.ExpireAlertSilenceDocument,
    "\n  fragment ChannelCard_channel on Channel {\n    id\n    name\n    platform\n    description\n    status\n    viewerRole\n    nextPostAt\n    owner {\n      id\n      username\n    }\n  }\n": types.ChannelCard_ChannelFragmentDoc,
    "\n  query ChannelPage($id: ID!) {\n    channel(id: $id) {\n      id\n      name\n      slug\n      platform\n      description\n      status\n      viewerRole\n      owner {\n        id\n        username\n      }\n      ...EditChannelForm_channel\n      ...MembersPanel_channel\n      ...ContentLibrary_channel\n    }\n  }\n": types.ChannelPageDocument,
    "\n  query ChannelsPage($first: Int, $after: String, $search: String, $status: ChannelStatus) {\n    channels(first: $first, after: $after, search: $search, status: $status) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...ChannelCard_channel\n        }\n      }\n    }\n  }\n": types.ChannelsPageDocument,
    "\n  fragment ContentLibrary_channel on Channel {\n    id\n    contentItems(first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          body\n          kind\n          status\n          createdAt\n          sourceTask {\n            id\n          }\n        }\n      }\n    }\n  }\n": types.ContentLibrary_ChannelFragmentDoc,
    "\n  fragment EditChannelForm_channel on Channel {\n    id\n    name\n    platform\n    description\n    status\n    settings {\n      tone\n      audience\n      language\n      hashtags\n      postingSchedule\n    }\n  }\n": types.EditChannelForm_ChannelFragmentDoc,
    "\n  fragment MembersPanel_channel on Channel {\n    id\n    members(first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          role\n          user {\n            id\n            username\n          }\n        }\n      }\n    }\n  }\n": types.MembersPanel_ChannelFragmentDoc,
    "\n  mutation CreateChannel($input: CreateChannelInput!) {\n    createChannel(input: $input) {\n      id\n      ...ChannelCard_channel\n    }\n  }\n": types.CreateChannelDocument,
    "\n  mutation UpdateChannel($id: ID!, $input: UpdateChannelInput!) {\n    updateChannel(id: $id, input: $input) {\n      ...EditChannelForm_channel\n      ...ChannelCard_channel\n    }\n  }\n": types.UpdateChannelDocument,
    "\n  mutation ArchiveChannel($id: ID!) {\n    archiveChannel(id: $id) {\n      id\n      status\n    }\n  }\n": types.ArchiveChannelDocument,
    "\n  mutation RestoreChannel($id: ID!) {\n    restoreChannel(id: $id) {\n      id\n      status\n    }\n  }\n": types.RestoreChannelDocument,
    "\n  mutation AddChannelMember($channelId: ID!, $userId: ID!, $role: ChannelRole!) {\n    addChannelMember(channelId: $channelId, userId: $userId, role: $role) {\n      id\n      channel {\n        id\n        ...MembersPanel_channel\n      }\n    }\n  }\n": types.AddChannelMemberDocument,
    "\n  query UserByUsername($username: String!) {\n    userByUsername(username: $username) {\n      id\n      username\n    }\n  }\n": types.UserByUsernameDocument,
    "\n  mutation RemoveChannelMember($channelId: ID!, $userId: ID!) {\n    removeChannelMember(channelId: $channelId, userId: $userId)\n  }\n": types.RemoveChannelMemberDocument,
    "\n  mutation CreateContentItem($input: CreateContentItemInput!) {\n    createContentItem(input: $input) {\n      id\n      channel {\n        id\n        ...ContentLibrary_channel\n      }\n    }\n  }\n": types.CreateContentItemDocument,
    "\n  mutation ApproveContentItem($id: ID!) {\n    approveContentItem(id: $id) {\n      id\n      status\n    }\n  }\n": types.ApproveContentItemDocument,
    "\n  mutation PublishContentItem($id: ID!) {\n    publishContentItem(id: $id) {\n      id\n      status\n    }\n  }\n": types.PublishContentItemDocument,
    "\n  fragment ErrorIssueRow_group on ErrorGroup {\n    id\n    type\n    message\n    service\n    severity\n    count\n    firstSeen\n    lastSeen\n    resolved\n    resolvedAt\n    reopenedCount\n    hourly\n    stackTrace\n    sampleContext\n  }\n": types.ErrorIssueRow_GroupFragmentDoc,
    "\n  query ErrorsPage($first: Int, $after: String, $resolved: Boolean, $service: String, $state: ErrorGroupState) {\n    errors(first: $first, after: $after, resolved: $resolved, service: $service, state: $state) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...ErrorIssueRow_group\n        }\n      }\n    }\n  }\n": types.ErrorsPageDocument,
    "\n  mutation ResolveError($id: ID!) {\n    resolveError(id: $id) {\n      ...ErrorIssueRow_group\n    }\n  }\n": types.ResolveErrorDocument,
    "\n  mutation ReopenError($id: ID!) {\n    reopenError(id: $id) {\n      ...ErrorIssueRow_group\n    }\n  }\n": types.ReopenErrorDocument,
    "\n  fragment AvatarPanel_user on User {\n    id\n    avatarUrl\n  }\n": types.AvatarPanel_UserFragmentDoc,
    "\n  fragment FileCard_file on File {\n    id\n    filename\n    contentType\n    size\n    status\n    createdAt\n    downloadUrl\n    channel {\n      id\n      name\n    }\n  }\n": types.FileCard_FileFragmentDoc,
    "\n  query FilesPage($first: Int, $after: String, $search: String) {\n    files(first: $first, after: $after, search: $search) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...FileCard_file\n        }\n      }\n    }\n    storageUsage {\n      usedBytes\n      quotaBytes\n      maxFileBytes\n      fileCount\n      allowedTypes\n    }\n    me {\n      id\n      ...AvatarPanel_user\n    }\n  }\n": types.FilesPageDocument,
    "\n  query UploaderPanelFile($id: ID!) {\n    file(id: $id) {\n      id\n      size\n      ...FileCard_file\n    }\n  }\n": types.UploaderPanelFileDocument,
    "\n  query CapabilityFieldsFiles {\n    files(first: 100) {\n      edges {\n        node {\n          id\n          filename\n        }\n      }\n    }\n  }\n": types.CapabilityFieldsFilesDocument,
    "\n  mutation CreateUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      uploadUrl\n      expiresAt\n      file {\n        id\n      }\n    }\n  }\n": types.CreateUploadDocument,
    "\n  mutation DeleteFile($id: ID!) {\n    deleteFile(id: $id)\n  }\n": types.DeleteFileDocument,
    "\n  fragment LogRow_line on LogEntry {\n    id\n    time\n    service\n    level\n    message\n    requestId\n    userId\n    context\n  }\n": types.LogRow_LineFragmentDoc,
    "\n  fragment LogStream_line on LogEntry {\n    id\n    service\n    level\n    message\n    requestId\n    userId\n    context\n    ...LogRow_line\n  }\n": types.LogStream_LineFragmentDoc,
    "\n  query LogStream(\n    $first: Int\n    $after: String\n    $level: LogLevel\n    $service: String\n    $search: String\n    $requestId: String\n    $status: Int\n    $route: String\n    $userId: String\n    $from: DateTime\n  ) {\n    logs(\n      first: $first\n      after: $after\n      level: $level\n      service: $service\n      search: $search\n      requestId: $requestId\n      status: $status\n      route: $route\n      userId: $userId\n      from: $from\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...LogStream_line\n        }\n      }\n    }\n  }\n": types.LogStreamDocument,
    "\n  query LogServices {\n    logServices\n  }\n": types.LogServicesDocument,
    "\n  subscription LogStreamTail($level: LogLevel, $service: String) {\n    logAdded(level: $level, service: $service) {\n      ...LogStream_line\n    }\n  }\n": types.LogStreamTailDocument,
    "\n  query OpenErrors {\n    errors(first: 5, resolved: false) {\n      totalCount\n      edges {\n        node {\n          id\n          type\n          message\n          service\n          severity\n          count\n          lastSeen\n        }\n      }\n    }\n  }\n": types.OpenErrorsDocument,
    "\n  query RecentTasks {\n    tasks(first: 5) {\n      edges {\n        node {\n          id\n          type\n          agent\n          status\n          createdAt\n        }\n      }\n    }\n  }\n": types.RecentTasksDocument,
    "\n  fragment BackupTable_backup on Backup {\n    id\n    kind\n    status\n    size\n    startedAt\n    duration\n    encrypted\n    verified\n    verifiedAt\n    problems\n  }\n": types.BackupTable_BackupFragmentDoc,
    "\n  query BackupTaskProgress($id: ID!) {\n    task(id: $id) {\n      id\n      type\n      status\n      progress\n      progressMessage\n      error\n    }\n  }\n": types.BackupTaskProgressDocument,
    "\n  query BackupsPage {\n    backups {\n      id\n      ...BackupTable_backup\n    }\n    backupOverview {\n      schedule\n      nextRunAt\n      retentionDays\n      encryption\n      lastGood {\n        id\n        startedAt\n      }\n    }\n  }\n": types.BackupsPageDocument,
    "\n  query QueueTable {\n    queueStats {\n      agent\n      waiting\n      active\n      delayed\n      failed\n      completed\n      paused\n      workers\n    }\n  }\n": types.QueueTableDocument,
    "\n  mutation CreateBackup {\n    createBackup(input: { verify: true }) {\n      id\n    }\n  }\n": types.CreateBackupDocument,
    "\n  mutation VerifyBackup($id: ID!) {\n    verifyBackup(id: $id) {\n      id\n    }\n  }\n": types.VerifyBackupDocument,
    "\n  fragment AgentCards_agent on Agent {\n    id\n    name\n    description\n    status\n    ... @defer {\n      stats {\n        total\n        pending\n        queued\n        running\n        succeeded\n        failed\n        cancelled\n        successRate\n        averageDurationMs\n        lastCompletedAt\n      }\n    }\n  }\n": types.AgentCards_AgentFragmentDoc,
    "\n  fragment PipelineGraph_task on Task {\n    id\n    type\n    agent\n    status\n    schedule\n    children(first: 10) {\n      edges {\n        node {\n          id\n          type\n          agent\n          status\n        }\n      }\n    }\n    parent {\n      id\n      type\n      agent\n      status\n      schedule\n      children(first: 10) {\n        edges {\n          node {\n            id\n            type\n            agent\n            status\n          }\n        }\n      }\n    }\n  }\n": types.PipelineGraph_TaskFragmentDoc,
    "\n  subscription PipelineStep($id: ID!) {\n    taskUpdated(id: $id) {\n      id\n      status\n    }\n  }\n": types.PipelineStepDocument,
    "\n  fragment RunTaskForm_agent on Agent {\n    id\n    name\n    status\n    capabilities\n  }\n": types.RunTaskForm_AgentFragmentDoc,
    "\n  fragment TaskListRow_task on Task {\n    id\n    type\n    agent\n    status\n    progress\n    createdAt\n  }\n": types.TaskListRow_TaskFragmentDoc,
    "\n  fragment TaskLogPanel_task on Task {\n    id\n    status\n    logs(last: 200) {\n      createdAt\n      level\n      message\n      data\n    }\n  }\n": types.TaskLogPanel_TaskFragmentDoc,
    "\n  query TaskPage($id: ID!) {\n    task(id: $id) {\n      id\n      agent\n      type\n      status\n      progress\n      progressMessage\n      attempts\n      maxAttempts\n      error\n      createdAt\n      startedAt\n      completedAt\n      durationMs\n      mode\n      usage {\n        inputTokens\n        outputTokens\n        costUsd\n      }\n      input\n      result\n      output\n      schedule\n      nextRunAt\n      channel {\n        id\n        name\n      }\n      parent {\n        id\n        schedule\n      }\n      children(first: 10) {\n        totalCount\n      }\n      ...TaskLogPanel_task\n      ...PipelineGraph_task\n    }\n  }\n": types.TaskPageDocument,
    "\n  subscription TaskPageUpdates($id: ID) {\n    taskUpdated(id: $id) {\n      id\n      status\n      progress\n      progressMessage\n      attempts\n      error\n      startedAt\n      completedAt\n      durationMs\n      mode\n      usage {\n        inputTokens\n        outputTokens\n        costUsd\n      }\n      result\n      ...TaskLogPanel_task\n    }\n  }\n": types.TaskPageUpdatesDocument,
    "\n  query TasksPageAgents {\n    agents {\n      id\n      name\n      capabilities\n      ...RunTaskForm_agent\n      ...AgentCards_agent\n    }\n  }\n": types.TasksPageAgentsDocument,
    "\n  query TasksPage(\n    $first: Int\n    $after: String\n    $status: TaskStatus\n    $agent: String\n    $type: String\n    $channelId: ID\n    $createdBy: ID\n    $search: String\n    $createdFrom: DateTime\n  ) {\n    tasks(\n      first: $first\n      after: $after\n      status: $status\n      agent: $agent\n      type: $type\n      channelId: $channelId\n      createdBy: $createdBy\n      search: $search\n      createdFrom: $createdFrom\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...TaskUpdates_task\n        }\n      }\n    }\n  }\n": types.TasksPageDocument,
    "\n  subscription TaskOutput($id: ID!) {\n    taskOutput(id: $id) {\n      taskId\n      attempt\n      offset\n      text\n      done\n    }\n  }\n": types.TaskOutputDocument,
    "\n  fragment TaskChange_task on Task {\n    id\n    status\n    agent\n    type\n    progress\n    progressMessage\n    attempts\n    error\n    startedAt\n    completedAt\n    durationMs\n    ...TaskListRow_task\n  }\n": types.TaskChange_TaskFragmentDoc,
    "\n  mutation CreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      status\n      agent\n      type\n      ...TaskChange_task\n    }\n  }\n": types.CreateTaskDocument,
    "\n  mutation CancelTask($id: ID!) {\n    cancelTask(id: $id) {\n      id\n      status\n      agent\n      type\n      ...TaskChange_task\n    }\n  }\n": types.CancelTaskDocument,
    "\n  mutation RetryTask($id: ID!) {\n    retryTask(id: $id) {\n      id\n      status\n      agent\n      type\n      ...TaskChange_task\n    }\n  }\n": types.RetryTaskDocument,
    "\n  fragment TaskUpdates_task on Task {\n    id\n    status\n    agent\n    type\n    ...TaskListRow_task\n  }\n": types.TaskUpdates_TaskFragmentDoc,
    "\n  subscription TasksPageUpdates {\n    taskUpdated {\n      id\n      status\n      agent\n      type\n      ...TaskListRow_task\n    }\n  }\n": types.TasksPageUpdatesDocument,
    "\n  fragment ApiKeysPanel_key on ApiKey {\n    id\n    name\n    role\n    prefix\n    expiresAt\n    lastUsedAt\n    revokedAt\n    createdAt\n  }\n": types.ApiKeysPanel_KeyFragmentDoc,
    "\n  query ApiKeysPanel {\n    apiKeys {\n      ...ApiKeysPanel_key\n    }\n  }\n": types.ApiKeysPanelDocument,
    "\n  query AuditLogPanel($first: Int, $type: AuditEventType) {\n    auditLog(first: $first, type: $type) {\n      totalCount\n      edges {\n        node {\n          id\n          type\n          actorId\n          subjectId\n          ip\n          createdAt\n        }\n      }\n    }\n  }\n": types.AuditLogPanelDocument,
    "\n  query UserTable($first: Int, $after: String, $search: String, $role: Role) {\n    users(first: $first, after: $after, search: $search, role: $role) {\n      totalCount\n      edges {\n        node {\n          id\n          username\n          email\n          role\n          disabled\n          createdAt\n          lastLoginAt\n        }\n      }\n    }\n  }\n": types.UserTableDocument,
    "\n  mutation SetUserRole($userId: ID!, $role: Role!) {\n    setUserRole(userId: $userId, role: $role) {\n      id\n      role\n    }\n  }\n": types.SetUserRoleDocument,
    "\n  mutation SetUserDisabled($userId: ID!, $disabled: Boolean!) {\n    setUserDisabled(userId: $userId, disabled: $disabled) {\n      id\n      disabled\n    }\n  }\n": types.SetUserDisabledDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        ...ApiKeysPanel_key\n      }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id)\n  }\n": types.RevokeApiKeyDocument,
    "\n  query DeliveryLog($endpointId: ID!, $first: Int, $after: String) {\n    webhookEndpointAttempts(endpointId: $endpointId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          messageId\n          eventType\n          attempt\n          statusCode\n          latencyMs\n          responseExcerpt\n          error\n          createdAt\n        }\n      }\n    }\n  }\n": types.DeliveryLogDocument,
    "\n  fragment EndpointActions_endpoint on WebhookEndpoint {\n    id\n    url\n    status\n  }\n": types.EndpointActions_EndpointFragmentDoc,
    "\n  subscription EndpointDisabledNotices {\n    webhookEndpointDisabled {\n      id\n      url\n      status\n      disabledReason\n      disabledAt\n    }\n  }\n": types.EndpointDisabledNoticesDocument,
    "\n  fragment EndpointRow_endpoint on WebhookEndpoint {\n    id\n    url\n    eventTypes\n    createdAt\n    ...EndpointStatus_endpoint\n    ...EndpointActions_endpoint\n  }\n": types.EndpointRow_EndpointFragmentDoc,
    "\n  fragment EndpointStatus_endpoint on WebhookEndpoint {\n    id\n    status\n    disabledReason\n  }\n": types.EndpointStatus_EndpointFragmentDoc,
    "\n  query ReceivedPayloads($sourceId: ID!, $first: Int, $after: String) {\n    webhookDeliveries(sourceId: $sourceId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          webhookId\n          status\n          error\n          taskId\n          body\n          createdAt\n        }\n      }\n    }\n  }\n": types.ReceivedPayloadsDocument,
    "\n  mutation ReplayInboundWebhook($id: ID!) {\n    replayInboundWebhook(id: $id) {\n      id\n      webhookId\n      status\n      error\n      taskId\n    }\n  }\n": types.ReplayInboundWebhookDocument,
    "\n  fragment SourceAction_source on WebhookSource {\n    id\n    action\n    agent\n    taskType\n  }\n": types.SourceAction_SourceFragmentDoc,
    "\n  fragment SourceRow_source on WebhookSource {\n    id\n    name\n    signature\n    secretCount\n    createdAt\n    ...SourceAction_source\n  }\n": types.SourceRow_SourceFragmentDoc,
    "\n  query WebhookEndpointPage($id: ID!) {\n    webhookEndpoint(id: $id) {\n      id\n      url\n      eventTypes\n      status\n      createdAt\n      ...EndpointStatus_endpoint\n      ...EndpointActions_endpoint\n    }\n  }\n": types.WebhookEndpointPageDocument,
    "\n  query WebhookEndpointsPage($first: Int, $after: String) {\n    webhookEndpoints(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...EndpointRow_endpoint\n        }\n      }\n    }\n    webhookEventTypes\n  }\n": types.WebhookEndpointsPageDocument,
    "\n  query WebhookSourcePage($id: ID!) {\n    webhookSource(id: $id) {\n      id\n      name\n      signature\n      secretCount\n      createdAt\n      owner {\n        id\n        username\n      }\n      ...SourceAction_source\n    }\n  }\n": types.WebhookSourcePageDocument,
    "\n  query WebhookSourcesPage($first: Int, $after: String) {\n    webhookSources(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...SourceRow_source\n        }\n      }\n    }\n  }\n": types.WebhookSourcesPageDocument,
    "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      secret\n      endpoint {\n        id\n        url\n        ...EndpointRow_endpoint\n      }\n    }\n  }\n": types.CreateWebhookEndpointDocument,
    "\n  mutation SetWebhookEndpointDisabled($id: ID!, $disabled: Boolean!) {\n    setWebhookEndpointDisabled(id: $id, disabled: $disabled) {\n      id\n      ...EndpointStatus_endpoint\n      ...EndpointActions_endpoint\n    }\n  }\n": types.SetWebhookEndpointDisabledDocument,
    "\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id)\n  }\n": types.DeleteWebhookEndpointDocument,
    "\n  query CreateSourceFormAgents {\n    agents {\n      id\n      name\n      status\n      capabilities\n    }\n  }\n": types.CreateSourceFormAgentsDocument,
    "\n  mutation CreateWebhookSource($input: CreateWebhookSourceInput!) {\n    createWebhookSource(input: $input) {\n      secret\n      source {\n        id\n        name\n        ...SourceRow_source\n      }\n    }\n  }\n": types.CreateWebhookSourceDocument,
    "\n  mutation RotateWebhookSourceSecret($id: ID!) {\n    rotateWebhookSourceSecret(id: $id) {\n      secret\n      source {\n        id\n        secretCount\n      }\n    }\n  }\n": types.RotateWebhookSourceSecretDocument,
    "\n  mutation SendTestWebhook($endpointId: ID!) {\n    sendTestWebhook(endpointId: $endpointId) {\n      messageId\n      queued\n    }\n  }\n": types.SendTestWebhookDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuthFields on AuthPayload {\n    accessToken\n    refreshToken\n    expiresIn\n    user {\n      id\n      username\n      email\n      role\n    }\n  }\n"): (typeof documents)["\n  fragment AuthFields on AuthPayload {\n    accessToken\n    refreshToken\n    expiresIn\n    user {\n      id\n      username\n      email\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      ...AuthFields\n    }\n  }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      ...AuthFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...AuthFields\n    }\n  }\n"): (typeof documents)["\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...AuthFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshToken($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      ...AuthFields\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshToken($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      ...AuthFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n"): (typeof documents)["\n  mutation Logout($refreshToken: String!) {\n    logout(refreshToken: $refreshToken)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteTwoFactorLogin($input: CompleteTwoFactorLoginInput!) {\n    completeTwoFactorLogin(input: $input) {\n      ...AuthFields\n    }\n  }\n"): (typeof documents)["\n  mutation CompleteTwoFactorLogin($input: CompleteTwoFactorLoginInput!) {\n    completeTwoFactorLogin(input: $input) {\n      ...AuthFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OidcProviders {\n    oidcProviders {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query OidcProviders {\n    oidcProviders {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExchangeOidcCode($code: String!) {\n    exchangeOidcCode(code: $code) {\n      ...AuthFields\n    }\n  }\n"): (typeof documents)["\n  mutation ExchangeOidcCode($code: String!) {\n    exchangeOidcCode(code: $code) {\n      ...AuthFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmOidcLink($code: String!) {\n    confirmOidcLink(code: $code)\n  }\n"): (typeof documents)["\n  mutation ConfirmOidcLink($code: String!) {\n    confirmOidcLink(code: $code)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnrolTotpForSignIn($challengeToken: String!) {\n    enrolTotp(challengeToken: $challengeToken) {\n      secret\n      qrCodeDataUrl\n    }\n  }\n"): (typeof documents)["\n  mutation EnrolTotpForSignIn($challengeToken: String!) {\n    enrolTotp(challengeToken: $challengeToken) {\n      secret\n      qrCodeDataUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteTwoFactorEnrolment($input: CompleteTwoFactorEnrolmentInput!) {\n    completeTwoFactorEnrolment(input: $input) {\n      recoveryCodes\n      session {\n        ...AuthFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CompleteTwoFactorEnrolment($input: CompleteTwoFactorEnrolmentInput!) {\n    completeTwoFactorEnrolment(input: $input) {\n      recoveryCodes\n      session {\n        ...AuthFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PasskeyLoginOptions($challengeToken: String!) {\n    passkeyLoginOptions(challengeToken: $challengeToken)\n  }\n"): (typeof documents)["\n  mutation PasskeyLoginOptions($challengeToken: String!) {\n    passkeyLoginOptions(challengeToken: $challengeToken)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompletePasskeyLogin($input: CompletePasskeyLoginInput!) {\n    completePasskeyLogin(input: $input) {\n      ...AuthFields\n    }\n  }\n"): (typeof documents)["\n  mutation CompletePasskeyLogin($input: CompletePasskeyLoginInput!) {\n    completePasskeyLogin(input: $input) {\n      ...AuthFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PasskeySignInOptions {\n    passkeySignInOptions {\n      flowId\n      options\n    }\n  }\n"): (typeof documents)["\n  mutation PasskeySignInOptions {\n    passkeySignInOptions {\n      flowId\n      options\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignInWithPasskey($input: SignInWithPasskeyInput!) {\n    signInWithPasskey(input: $input) {\n      ...AuthFields\n    }\n  }\n"): (typeof documents)["\n  mutation SignInWithPasskey($input: SignInWithPasskeyInput!) {\n    signInWithPasskey(input: $input) {\n      ...AuthFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserAvatar {\n    me {\n      id\n      avatarUrl\n    }\n  }\n"): (typeof documents)["\n  query UserAvatar {\n    me {\n      id\n      avatarUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SystemHealth {\n    systemHealth {\n      status\n      checkedAt\n      components {\n        name\n        kind\n        status\n        latencyMs\n        version\n        error\n        detail\n        checkedAt\n        uptime\n      }\n    }\n  }\n"): (typeof documents)["\n  query SystemHealth {\n    systemHealth {\n      status\n      checkedAt\n      components {\n        name\n        kind\n        status\n        latencyMs\n        version\n        error\n        detail\n        checkedAt\n        uptime\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MetricSeries($name: String!, $service: String, $from: DateTime, $to: DateTime, $step: Int) {\n    metricSeries(name: $name, service: $service, from: $from, to: $to, step: $step) {\n      time\n      service\n      value\n    }\n  }\n"): (typeof documents)["\n  query MetricSeries($name: String!, $service: String, $from: DateTime, $to: DateTime, $step: Int) {\n    metricSeries(name: $name, service: $service, from: $from, to: $to, step: $step) {\n      time\n      service\n      value\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LiveMetrics_snapshot on MetricsSnapshot {\n    time\n    workers\n    services {\n      service\n      up\n      requestRate\n      errorRate\n      latencyP50\n      latencyP95\n      latencyP99\n      cpu\n      memoryBytes\n      eventLoopLag\n      subscriptions\n    }\n    queues {\n      agent\n      waiting\n      active\n      delayed\n      failed\n    }\n  }\n"): (typeof documents)["\n  fragment LiveMetrics_snapshot on MetricsSnapshot {\n    time\n    workers\n    services {\n      service\n      up\n      requestRate\n      errorRate\n      latencyP50\n      latencyP95\n      latencyP99\n      cpu\n      memoryBytes\n      eventLoopLag\n      subscriptions\n    }\n    queues {\n      agent\n      waiting\n      active\n      delayed\n      failed\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LiveMetrics {\n    latestMetrics {\n      ...LiveMetrics_snapshot\n    }\n  }\n"): (typeof documents)["\n  query LiveMetrics {\n    latestMetrics {\n      ...LiveMetrics_snapshot\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LiveMetricsTick {\n    metricsTick {\n      ...LiveMetrics_snapshot\n    }\n  }\n"): (typeof documents)["\n  subscription LiveMetricsTick {\n    metricsTick {\n      ...LiveMetrics_snapshot\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Account {\n    me {\n      id\n      username\n      email\n      displayName\n      avatarUrl\n      pendingEmail\n      emailVerified\n      twoFactor {\n        enabled\n        recoveryCodesLeft\n      }\n      passkeys {\n        id\n        name\n        multiDevice\n        createdAt\n        lastUsedAt\n      }\n      linkedIdentities {\n        id\n        provider\n        email\n        lastUsedAt\n      }\n    }\n    oidcProviders {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query Account {\n    me {\n      id\n      username\n      email\n      displayName\n      avatarUrl\n      pendingEmail\n      emailVerified\n      twoFactor {\n        enabled\n        recoveryCodesLeft\n      }\n      passkeys {\n        id\n        name\n        multiDevice\n        createdAt\n        lastUsedAt\n      }\n      linkedIdentities {\n        id\n        provider\n        email\n        lastUsedAt\n      }\n    }\n    oidcProviders {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      email\n      displayName\n      pendingEmail\n      emailVerified\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      id\n      email\n      displayName\n      pendingEmail\n      emailVerified\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAvatarUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      file {\n        id\n      }\n      uploadUrl\n    }\n  }\n"): (typeof documents)["\n  mutation CreateAvatarUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      file {\n        id\n      }\n      uploadUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetAvatar($fileId: ID!) {\n    setAvatar(fileId: $fileId) {\n      id\n      avatarUrl\n    }\n  }\n"): (typeof documents)["\n  mutation SetAvatar($fileId: ID!) {\n    setAvatar(fileId: $fileId) {\n      id\n      avatarUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveAvatar {\n    removeAvatar {\n      id\n      avatarUrl\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveAvatar {\n    removeAvatar {\n      id\n      avatarUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResendVerification($email: String) {\n    resendVerification(email: $email)\n  }\n"): (typeof documents)["\n  mutation ResendVerification($email: String) {\n    resendVerification(email: $email)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n"): (typeof documents)["\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Sessions {\n    sessions(first: 50) {\n      edges {\n        node {\n          id\n          ip\n          device\n          createdAt\n          lastUsedAt\n          current\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Sessions {\n    sessions(first: 50) {\n      edges {\n        node {\n          id\n          ip\n          device\n          createdAt\n          lastUsedAt\n          current\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n"): (typeof documents)["\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOutEverywhere {\n    signOutEverywhere\n  }\n"): (typeof documents)["\n  mutation SignOutEverywhere {\n    signOutEverywhere\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnrolTotp {\n    enrolTotp {\n      secret\n      otpauthUri\n      qrCodeDataUrl\n    }\n  }\n"): (typeof documents)["\n  mutation EnrolTotp {\n    enrolTotp {\n      secret\n      otpauthUri\n      qrCodeDataUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmTotp($input: ConfirmTotpInput!) {\n    confirmTotp(input: $input) {\n      codes\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmTotp($input: ConfirmTotpInput!) {\n    confirmTotp(input: $input) {\n      codes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisableTwoFactor($code: String!) {\n    disableTwoFactor(code: $code)\n  }\n"): (typeof documents)["\n  mutation DisableTwoFactor($code: String!) {\n    disableTwoFactor(code: $code)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegenerateRecoveryCodes($code: String!) {\n    regenerateRecoveryCodes(code: $code) {\n      codes\n    }\n  }\n"): (typeof documents)["\n  mutation RegenerateRecoveryCodes($code: String!) {\n    regenerateRecoveryCodes(code: $code) {\n      codes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LinkOidcProvider($provider: ID!) {\n    linkOidcProvider(provider: $provider)\n  }\n"): (typeof documents)["\n  mutation LinkOidcProvider($provider: ID!) {\n    linkOidcProvider(provider: $provider)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnlinkOidcProvider($provider: ID!) {\n    unlinkOidcProvider(provider: $provider)\n  }\n"): (typeof documents)["\n  mutation UnlinkOidcProvider($provider: ID!) {\n    unlinkOidcProvider(provider: $provider)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"): (typeof documents)["\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input)\n  }\n"): (typeof documents)["\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token)\n  }\n"): (typeof documents)["\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PasskeyRegistrationOptions {\n    passkeyRegistrationOptions\n  }\n"): (typeof documents)["\n  mutation PasskeyRegistrationOptions {\n    passkeyRegistrationOptions\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterPasskey($input: RegisterPasskeyInput!) {\n    registerPasskey(input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation RegisterPasskey($input: RegisterPasskeyInput!) {\n    registerPasskey(input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenamePasskey($id: ID!, $name: String!) {\n    renamePasskey(id: $id, name: $name) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation RenamePasskey($id: ID!, $name: String!) {\n    renamePasskey(id: $id, name: $name) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeletePasskey($id: ID!) {\n    deletePasskey(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeletePasskey($id: ID!) {\n    deletePasskey(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlertHistory($status: AlertStatus, $first: Int, $after: String) {\n    alerts(status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          status\n          summary\n          startedAt\n          firingAt\n          resolvedAt\n          silenced\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AlertHistory($status: AlertStatus, $first: Int, $after: String) {\n    alerts(status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          status\n          summary\n          startedAt\n          firingAt\n          resolvedAt\n          silenced\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AlertList_alert on Alert {\n    id\n    ruleId\n    name\n    severity\n    status\n    summary\n    startedAt\n    firingAt\n    silenced\n  }\n"): (typeof documents)["\n  fragment AlertList_alert on Alert {\n    id\n    ruleId\n    name\n    severity\n    status\n    summary\n    startedAt\n    firingAt\n    silenced\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AlertsPageRules {\n    alertRules {\n      id\n      name\n      ...RulesTable_rule\n    }\n  }\n"): (typeof documents)["\n  query AlertsPageRules {\n    alertRules {\n      id\n      name\n      ...RulesTable_rule\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RulesTable_rule on AlertRule {\n    id\n    name\n    description\n    kind\n    severity\n    enabled\n    builtIn\n    metric\n    service\n    comparison\n    threshold\n    forSeconds\n    resolveAfterSeconds\n    notify\n    state\n    value\n    lastEvaluatedAt\n    silencedUntil\n  }\n"): (typeof documents)["\n  fragment RulesTable_rule on AlertRule {\n    id\n    name\n    description\n    kind\n    severity\n    enabled\n    builtIn\n    metric\n    service\n    comparison\n    threshold\n    forSeconds\n    resolveAfterSeconds\n    notify\n    state\n    value\n    lastEvaluatedAt\n    silencedUntil\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SilencesPanel {\n    alertSilences {\n      id\n      ruleId\n      reason\n      startsAt\n      endsAt\n      active\n    }\n  }\n"): (typeof documents)["\n  query SilencesPanel {\n    alertSilences {\n      id\n      ruleId\n      reason\n      startsAt\n      endsAt\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RuleFormChoices {\n    metricNames {\n      name\n      description\n      unit\n    }\n    systemHealth {\n      components {\n        name\n        kind\n      }\n    }\n  }\n"): (typeof documents)["\n  query RuleFormChoices {\n    metricNames {\n      name\n      description\n      unit\n    }\n    systemHealth {\n      components {\n        name\n        kind\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ActiveAlerts {\n    activeAlerts {\n      id\n      status\n      ...AlertList_alert\n    }\n  }\n"): (typeof documents)["\n  query ActiveAlerts {\n    activeAlerts {\n      id\n      status\n      ...AlertList_alert\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AlertChanged {\n    alertChanged {\n      id\n      ruleId\n      name\n      severity\n      status\n      summary\n      value\n      startedAt\n      firingAt\n      resolvedAt\n      silenced\n      ...AlertList_alert\n      rule {\n        id\n        state\n        value\n        lastEvaluatedAt\n        silencedUntil\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription AlertChanged {\n    alertChanged {\n      id\n      ruleId\n      name\n      severity\n      status\n      summary\n      value\n      startedAt\n      firingAt\n      resolvedAt\n      silenced\n      ...AlertList_alert\n      rule {\n        id\n        state\n        value\n        lastEvaluatedAt\n        silencedUntil\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAlertRule($input: AlertRuleInput!) {\n    createAlertRule(input: $input) {\n      ...RulesTable_rule\n    }\n  }\n"): (typeof documents)["\n  mutation CreateAlertRule($input: AlertRuleInput!) {\n    createAlertRule(input: $input) {\n      ...RulesTable_rule\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAlertRule($id: ID!, $input: AlertRuleInput!) {\n    updateAlertRule(id: $id, input: $input) {\n      ...RulesTable_rule\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateAlertRule($id: ID!, $input: AlertRuleInput!) {\n    updateAlertRule(id: $id, input: $input) {\n      ...RulesTable_rule\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteAlertRule($id: ID!) {\n    deleteAlertRule(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteAlertRule($id: ID!) {\n    deleteAlertRule(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetAlertRuleEnabled($id: ID!, $enabled: Boolean!) {\n    setAlertRuleEnabled(id: $id, enabled: $enabled) {\n      ...RulesTable_rule\n    }\n  }\n"): (typeof documents)["\n  mutation SetAlertRuleEnabled($id: ID!, $enabled: Boolean!) {\n    setAlertRuleEnabled(id: $id, enabled: $enabled) {\n      ...RulesTable_rule\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAlertSilence($ruleId: ID, $durationSeconds: Int!, $reason: String!) {\n    createAlertSilence(ruleId: $ruleId, durationSeconds: $durationSeconds, reason: $reason) {\n      id\n      ruleId\n      reason\n      startsAt\n      endsAt\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation CreateAlertSilence($ruleId: ID, $durationSeconds: Int!, $reason: String!) {\n    createAlertSilence(ruleId: $ruleId, durationSeconds: $durationSeconds, reason: $reason) {\n      id\n      ruleId\n      reason\n      startsAt\n      endsAt\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExpireAlertSilence($id: ID!) {\n    expireAlertSilence(id: $id) {\n      id\n      ruleId\n      reason\n      startsAt\n      endsAt\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation ExpireAlertSilence($id: ID!) {\n    expireAlertSilence(id: $id) {\n      id\n      ruleId\n      reason\n      startsAt\n      endsAt\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChannelCard_channel on Channel {\n    id\n    name\n    platform\n    description\n    status\n    viewerRole\n    nextPostAt\n    owner {\n      id\n      username\n    }\n  }\n"): (typeof documents)["\n  fragment ChannelCard_channel on Channel {\n    id\n    name\n    platform\n    description\n    status\n    viewerRole\n    nextPostAt\n    owner {\n      id\n      username\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChannelPage($id: ID!) {\n    channel(id: $id) {\n      id\n      name\n      slug\n      platform\n      description\n      status\n      viewerRole\n      owner {\n        id\n        username\n      }\n      ...EditChannelForm_channel\n      ...MembersPanel_channel\n      ...ContentLibrary_channel\n    }\n  }\n"): (typeof documents)["\n  query ChannelPage($id: ID!) {\n    channel(id: $id) {\n      id\n      name\n      slug\n      platform\n      description\n      status\n      viewerRole\n      owner {\n        id\n        username\n      }\n      ...EditChannelForm_channel\n      ...MembersPanel_channel\n      ...ContentLibrary_channel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChannelsPage($first: Int, $after: String, $search: String, $status: ChannelStatus) {\n    channels(first: $first, after: $after, search: $search, status: $status) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...ChannelCard_channel\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ChannelsPage($first: Int, $after: String, $search: String, $status: ChannelStatus) {\n    channels(first: $first, after: $after, search: $search, status: $status) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...ChannelCard_channel\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ContentLibrary_channel on Channel {\n    id\n    contentItems(first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          body\n          kind\n          status\n          createdAt\n          sourceTask {\n            id\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ContentLibrary_channel on Channel {\n    id\n    contentItems(first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          title\n          body\n          kind\n          status\n          createdAt\n          sourceTask {\n            id\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EditChannelForm_channel on Channel {\n    id\n    name\n    platform\n    description\n    status\n    settings {\n      tone\n      audience\n      language\n      hashtags\n      postingSchedule\n    }\n  }\n"): (typeof documents)["\n  fragment EditChannelForm_channel on Channel {\n    id\n    name\n    platform\n    description\n    status\n    settings {\n      tone\n      audience\n      language\n      hashtags\n      postingSchedule\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MembersPanel_channel on Channel {\n    id\n    members(first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          role\n          user {\n            id\n            username\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment MembersPanel_channel on Channel {\n    id\n    members(first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          role\n          user {\n            id\n            username\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateChannel($input: CreateChannelInput!) {\n    createChannel(input: $input) {\n      id\n      ...ChannelCard_channel\n    }\n  }\n"): (typeof documents)["\n  mutation CreateChannel($input: CreateChannelInput!) {\n    createChannel(input: $input) {\n      id\n      ...ChannelCard_channel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateChannel($id: ID!, $input: UpdateChannelInput!) {\n    updateChannel(id: $id, input: $input) {\n      ...EditChannelForm_channel\n      ...ChannelCard_channel\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateChannel($id: ID!, $input: UpdateChannelInput!) {\n    updateChannel(id: $id, input: $input) {\n      ...EditChannelForm_channel\n      ...ChannelCard_channel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ArchiveChannel($id: ID!) {\n    archiveChannel(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ArchiveChannel($id: ID!) {\n    archiveChannel(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestoreChannel($id: ID!) {\n    restoreChannel(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation RestoreChannel($id: ID!) {\n    restoreChannel(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddChannelMember($channelId: ID!, $userId: ID!, $role: ChannelRole!) {\n    addChannelMember(channelId: $channelId, userId: $userId, role: $role) {\n      id\n      channel {\n        id\n        ...MembersPanel_channel\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AddChannelMember($channelId: ID!, $userId: ID!, $role: ChannelRole!) {\n    addChannelMember(channelId: $channelId, userId: $userId, role: $role) {\n      id\n      channel {\n        id\n        ...MembersPanel_channel\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserByUsername($username: String!) {\n    userByUsername(username: $username) {\n      id\n      username\n    }\n  }\n"): (typeof documents)["\n  query UserByUsername($username: String!) {\n    userByUsername(username: $username) {\n      id\n      username\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveChannelMember($channelId: ID!, $userId: ID!) {\n    removeChannelMember(channelId: $channelId, userId: $userId)\n  }\n"): (typeof documents)["\n  mutation RemoveChannelMember($channelId: ID!, $userId: ID!) {\n    removeChannelMember(channelId: $channelId, userId: $userId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateContentItem($input: CreateContentItemInput!) {\n    createContentItem(input: $input) {\n      id\n      channel {\n        id\n        ...ContentLibrary_channel\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateContentItem($input: CreateContentItemInput!) {\n    createContentItem(input: $input) {\n      id\n      channel {\n        id\n        ...ContentLibrary_channel\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveContentItem($id: ID!) {\n    approveContentItem(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ApproveContentItem($id: ID!) {\n    approveContentItem(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishContentItem($id: ID!) {\n    publishContentItem(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation PublishContentItem($id: ID!) {\n    publishContentItem(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ErrorIssueRow_group on ErrorGroup {\n    id\n    type\n    message\n    service\n    severity\n    count\n    firstSeen\n    lastSeen\n    resolved\n    resolvedAt\n    reopenedCount\n    hourly\n    stackTrace\n    sampleContext\n  }\n"): (typeof documents)["\n  fragment ErrorIssueRow_group on ErrorGroup {\n    id\n    type\n    message\n    service\n    severity\n    count\n    firstSeen\n    lastSeen\n    resolved\n    resolvedAt\n    reopenedCount\n    hourly\n    stackTrace\n    sampleContext\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ErrorsPage($first: Int, $after: String, $resolved: Boolean, $service: String, $state: ErrorGroupState) {\n    errors(first: $first, after: $after, resolved: $resolved, service: $service, state: $state) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...ErrorIssueRow_group\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ErrorsPage($first: Int, $after: String, $resolved: Boolean, $service: String, $state: ErrorGroupState) {\n    errors(first: $first, after: $after, resolved: $resolved, service: $service, state: $state) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...ErrorIssueRow_group\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveError($id: ID!) {\n    resolveError(id: $id) {\n      ...ErrorIssueRow_group\n    }\n  }\n"): (typeof documents)["\n  mutation ResolveError($id: ID!) {\n    resolveError(id: $id) {\n      ...ErrorIssueRow_group\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReopenError($id: ID!) {\n    reopenError(id: $id) {\n      ...ErrorIssueRow_group\n    }\n  }\n"): (typeof documents)["\n  mutation ReopenError($id: ID!) {\n    reopenError(id: $id) {\n      ...ErrorIssueRow_group\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AvatarPanel_user on User {\n    id\n    avatarUrl\n  }\n"): (typeof documents)["\n  fragment AvatarPanel_user on User {\n    id\n    avatarUrl\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FileCard_file on File {\n    id\n    filename\n    contentType\n    size\n    status\n    createdAt\n    downloadUrl\n    channel {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment FileCard_file on File {\n    id\n    filename\n    contentType\n    size\n    status\n    createdAt\n    downloadUrl\n    channel {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FilesPage($first: Int, $after: String, $search: String) {\n    files(first: $first, after: $after, search: $search) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...FileCard_file\n        }\n      }\n    }\n    storageUsage {\n      usedBytes\n      quotaBytes\n      maxFileBytes\n      fileCount\n      allowedTypes\n    }\n    me {\n      id\n      ...AvatarPanel_user\n    }\n  }\n"): (typeof documents)["\n  query FilesPage($first: Int, $after: String, $search: String) {\n    files(first: $first, after: $after, search: $search) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...FileCard_file\n        }\n      }\n    }\n    storageUsage {\n      usedBytes\n      quotaBytes\n      maxFileBytes\n      fileCount\n      allowedTypes\n    }\n    me {\n      id\n      ...AvatarPanel_user\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UploaderPanelFile($id: ID!) {\n    file(id: $id) {\n      id\n      size\n      ...FileCard_file\n    }\n  }\n"): (typeof documents)["\n  query UploaderPanelFile($id: ID!) {\n    file(id: $id) {\n      id\n      size\n      ...FileCard_file\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CapabilityFieldsFiles {\n    files(first: 100) {\n      edges {\n        node {\n          id\n          filename\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CapabilityFieldsFiles {\n    files(first: 100) {\n      edges {\n        node {\n          id\n          filename\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      uploadUrl\n      expiresAt\n      file {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUpload($input: CreateUploadInput!) {\n    createUpload(input: $input) {\n      uploadUrl\n      expiresAt\n      file {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteFile($id: ID!) {\n    deleteFile(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteFile($id: ID!) {\n    deleteFile(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LogRow_line on LogEntry {\n    id\n    time\n    service\n    level\n    message\n    requestId\n    userId\n    context\n  }\n"): (typeof documents)["\n  fragment LogRow_line on LogEntry {\n    id\n    time\n    service\n    level\n    message\n    requestId\n    userId\n    context\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LogStream_line on LogEntry {\n    id\n    service\n    level\n    message\n    requestId\n    userId\n    context\n    ...LogRow_line\n  }\n"): (typeof documents)["\n  fragment LogStream_line on LogEntry {\n    id\n    service\n    level\n    message\n    requestId\n    userId\n    context\n    ...LogRow_line\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LogStream(\n    $first: Int\n    $after: String\n    $level: LogLevel\n    $service: String\n    $search: String\n    $requestId: String\n    $status: Int\n    $route: String\n    $userId: String\n    $from: DateTime\n  ) {\n    logs(\n      first: $first\n      after: $after\n      level: $level\n      service: $service\n      search: $search\n      requestId: $requestId\n      status: $status\n      route: $route\n      userId: $userId\n      from: $from\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...LogStream_line\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query LogStream(\n    $first: Int\n    $after: String\n    $level: LogLevel\n    $service: String\n    $search: String\n    $requestId: String\n    $status: Int\n    $route: String\n    $userId: String\n    $from: DateTime\n  ) {\n    logs(\n      first: $first\n      after: $after\n      level: $level\n      service: $service\n      search: $search\n      requestId: $requestId\n      status: $status\n      route: $route\n      userId: $userId\n      from: $from\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...LogStream_line\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LogServices {\n    logServices\n  }\n"): (typeof documents)["\n  query LogServices {\n    logServices\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription LogStreamTail($level: LogLevel, $service: String) {\n    logAdded(level: $level, service: $service) {\n      ...LogStream_line\n    }\n  }\n"): (typeof documents)["\n  subscription LogStreamTail($level: LogLevel, $service: String) {\n    logAdded(level: $level, service: $service) {\n      ...LogStream_line\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OpenErrors {\n    errors(first: 5, resolved: false) {\n      totalCount\n      edges {\n        node {\n          id\n          type\n          message\n          service\n          severity\n          count\n          lastSeen\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OpenErrors {\n    errors(first: 5, resolved: false) {\n      totalCount\n      edges {\n        node {\n          id\n          type\n          message\n          service\n          severity\n          count\n          lastSeen\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecentTasks {\n    tasks(first: 5) {\n      edges {\n        node {\n          id\n          type\n          agent\n          status\n          createdAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query RecentTasks {\n    tasks(first: 5) {\n      edges {\n        node {\n          id\n          type\n          agent\n          status\n          createdAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BackupTable_backup on Backup {\n    id\n    kind\n    status\n    size\n    startedAt\n    duration\n    encrypted\n    verified\n    verifiedAt\n    problems\n  }\n"): (typeof documents)["\n  fragment BackupTable_backup on Backup {\n    id\n    kind\n    status\n    size\n    startedAt\n    duration\n    encrypted\n    verified\n    verifiedAt\n    problems\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BackupTaskProgress($id: ID!) {\n    task(id: $id) {\n      id\n      type\n      status\n      progress\n      progressMessage\n      error\n    }\n  }\n"): (typeof documents)["\n  query BackupTaskProgress($id: ID!) {\n    task(id: $id) {\n      id\n      type\n      status\n      progress\n      progressMessage\n      error\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BackupsPage {\n    backups {\n      id\n      ...BackupTable_backup\n    }\n    backupOverview {\n      schedule\n      nextRunAt\n      retentionDays\n      encryption\n      lastGood {\n        id\n        startedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query BackupsPage {\n    backups {\n      id\n      ...BackupTable_backup\n    }\n    backupOverview {\n      schedule\n      nextRunAt\n      retentionDays\n      encryption\n      lastGood {\n        id\n        startedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QueueTable {\n    queueStats {\n      agent\n      waiting\n      active\n      delayed\n      failed\n      completed\n      paused\n      workers\n    }\n  }\n"): (typeof documents)["\n  query QueueTable {\n    queueStats {\n      agent\n      waiting\n      active\n      delayed\n      failed\n      completed\n      paused\n      workers\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateBackup {\n    createBackup(input: { verify: true }) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateBackup {\n    createBackup(input: { verify: true }) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyBackup($id: ID!) {\n    verifyBackup(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation VerifyBackup($id: ID!) {\n    verifyBackup(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AgentCards_agent on Agent {\n    id\n    name\n    description\n    status\n    ... @defer {\n      stats {\n        total\n        pending\n        queued\n        running\n        succeeded\n        failed\n        cancelled\n        successRate\n        averageDurationMs\n        lastCompletedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment AgentCards_agent on Agent {\n    id\n    name\n    description\n    status\n    ... @defer {\n      stats {\n        total\n        pending\n        queued\n        running\n        succeeded\n        failed\n        cancelled\n        successRate\n        averageDurationMs\n        lastCompletedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PipelineGraph_task on Task {\n    id\n    type\n    agent\n    status\n    schedule\n    children(first: 10) {\n      edges {\n        node {\n          id\n          type\n          agent\n          status\n        }\n      }\n    }\n    parent {\n      id\n      type\n      agent\n      status\n      schedule\n      children(first: 10) {\n        edges {\n          node {\n            id\n            type\n            agent\n            status\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment PipelineGraph_task on Task {\n    id\n    type\n    agent\n    status\n    schedule\n    children(first: 10) {\n      edges {\n        node {\n          id\n          type\n          agent\n          status\n        }\n      }\n    }\n    parent {\n      id\n      type\n      agent\n      status\n      schedule\n      children(first: 10) {\n        edges {\n          node {\n            id\n            type\n            agent\n            status\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PipelineStep($id: ID!) {\n    taskUpdated(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  subscription PipelineStep($id: ID!) {\n    taskUpdated(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunTaskForm_agent on Agent {\n    id\n    name\n    status\n    capabilities\n  }\n"): (typeof documents)["\n  fragment RunTaskForm_agent on Agent {\n    id\n    name\n    status\n    capabilities\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TaskListRow_task on Task {\n    id\n    type\n    agent\n    status\n    progress\n    createdAt\n  }\n"): (typeof documents)["\n  fragment TaskListRow_task on Task {\n    id\n    type\n    agent\n    status\n    progress\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TaskLogPanel_task on Task {\n    id\n    status\n    logs(last: 200) {\n      createdAt\n      level\n      message\n      data\n    }\n  }\n"): (typeof documents)["\n  fragment TaskLogPanel_task on Task {\n    id\n    status\n    logs(last: 200) {\n      createdAt\n      level\n      message\n      data\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskPage($id: ID!) {\n    task(id: $id) {\n      id\n      agent\n      type\n      status\n      progress\n      progressMessage\n      attempts\n      maxAttempts\n      error\n      createdAt\n      startedAt\n      completedAt\n      durationMs\n      mode\n      usage {\n        inputTokens\n        outputTokens\n        costUsd\n      }\n      input\n      result\n      output\n      schedule\n      nextRunAt\n      channel {\n        id\n        name\n      }\n      parent {\n        id\n        schedule\n      }\n      children(first: 10) {\n        totalCount\n      }\n      ...TaskLogPanel_task\n      ...PipelineGraph_task\n    }\n  }\n"): (typeof documents)["\n  query TaskPage($id: ID!) {\n    task(id: $id) {\n      id\n      agent\n      type\n      status\n      progress\n      progressMessage\n      attempts\n      maxAttempts\n      error\n      createdAt\n      startedAt\n      completedAt\n      durationMs\n      mode\n      usage {\n        inputTokens\n        outputTokens\n        costUsd\n      }\n      input\n      result\n      output\n      schedule\n      nextRunAt\n      channel {\n        id\n        name\n      }\n      parent {\n        id\n        schedule\n      }\n      children(first: 10) {\n        totalCount\n      }\n      ...TaskLogPanel_task\n      ...PipelineGraph_task\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TaskPageUpdates($id: ID) {\n    taskUpdated(id: $id) {\n      id\n      status\n      progress\n      progressMessage\n      attempts\n      error\n      startedAt\n      completedAt\n      durationMs\n      mode\n      usage {\n        inputTokens\n        outputTokens\n        costUsd\n      }\n      result\n      ...TaskLogPanel_task\n    }\n  }\n"): (typeof documents)["\n  subscription TaskPageUpdates($id: ID) {\n    taskUpdated(id: $id) {\n      id\n      status\n      progress\n      progressMessage\n      attempts\n      error\n      startedAt\n      completedAt\n      durationMs\n      mode\n      usage {\n        inputTokens\n        outputTokens\n        costUsd\n      }\n      result\n      ...TaskLogPanel_task\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TasksPageAgents {\n    agents {\n      id\n      name\n      capabilities\n      ...RunTaskForm_agent\n      ...AgentCards_agent\n    }\n  }\n"): (typeof documents)["\n  query TasksPageAgents {\n    agents {\n      id\n      name\n      capabilities\n      ...RunTaskForm_agent\n      ...AgentCards_agent\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TasksPage(\n    $first: Int\n    $after: String\n    $status: TaskStatus\n    $agent: String\n    $type: String\n    $channelId: ID\n    $createdBy: ID\n    $search: String\n    $createdFrom: DateTime\n  ) {\n    tasks(\n      first: $first\n      after: $after\n      status: $status\n      agent: $agent\n      type: $type\n      channelId: $channelId\n      createdBy: $createdBy\n      search: $search\n      createdFrom: $createdFrom\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...TaskUpdates_task\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TasksPage(\n    $first: Int\n    $after: String\n    $status: TaskStatus\n    $agent: String\n    $type: String\n    $channelId: ID\n    $createdBy: ID\n    $search: String\n    $createdFrom: DateTime\n  ) {\n    tasks(\n      first: $first\n      after: $after\n      status: $status\n      agent: $agent\n      type: $type\n      channelId: $channelId\n      createdBy: $createdBy\n      search: $search\n      createdFrom: $createdFrom\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...TaskUpdates_task\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TaskOutput($id: ID!) {\n    taskOutput(id: $id) {\n      taskId\n      attempt\n      offset\n      text\n      done\n    }\n  }\n"): (typeof documents)["\n  subscription TaskOutput($id: ID!) {\n    taskOutput(id: $id) {\n      taskId\n      attempt\n      offset\n      text\n      done\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TaskChange_task on Task {\n    id\n    status\n    agent\n    type\n    progress\n    progressMessage\n    attempts\n    error\n    startedAt\n    completedAt\n    durationMs\n    ...TaskListRow_task\n  }\n"): (typeof documents)["\n  fragment TaskChange_task on Task {\n    id\n    status\n    agent\n    type\n    progress\n    progressMessage\n    attempts\n    error\n    startedAt\n    completedAt\n    durationMs\n    ...TaskListRow_task\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      status\n      agent\n      type\n      ...TaskChange_task\n    }\n  }\n"): (typeof documents)["\n  mutation CreateTask($input: CreateTaskInput!) {\n    createTask(input: $input) {\n      id\n      status\n      agent\n      type\n      ...TaskChange_task\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelTask($id: ID!) {\n    cancelTask(id: $id) {\n      id\n      status\n      agent\n      type\n      ...TaskChange_task\n    }\n  }\n"): (typeof documents)["\n  mutation CancelTask($id: ID!) {\n    cancelTask(id: $id) {\n      id\n      status\n      agent\n      type\n      ...TaskChange_task\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetryTask($id: ID!) {\n    retryTask(id: $id) {\n      id\n      status\n      agent\n      type\n      ...TaskChange_task\n    }\n  }\n"): (typeof documents)["\n  mutation RetryTask($id: ID!) {\n    retryTask(id: $id) {\n      id\n      status\n      agent\n      type\n      ...TaskChange_task\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TaskUpdates_task on Task {\n    id\n    status\n    agent\n    type\n    ...TaskListRow_task\n  }\n"): (typeof documents)["\n  fragment TaskUpdates_task on Task {\n    id\n    status\n    agent\n    type\n    ...TaskListRow_task\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription TasksPageUpdates {\n    taskUpdated {\n      id\n      status\n      agent\n      type\n      ...TaskListRow_task\n    }\n  }\n"): (typeof documents)["\n  subscription TasksPageUpdates {\n    taskUpdated {\n      id\n      status\n      agent\n      type\n      ...TaskListRow_task\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiKeysPanel_key on ApiKey {\n    id\n    name\n    role\n    prefix\n    expiresAt\n    lastUsedAt\n    revokedAt\n    createdAt\n  }\n"): (typeof documents)["\n  fragment ApiKeysPanel_key on ApiKey {\n    id\n    name\n    role\n    prefix\n    expiresAt\n    lastUsedAt\n    revokedAt\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeysPanel {\n    apiKeys {\n      ...ApiKeysPanel_key\n    }\n  }\n"): (typeof documents)["\n  query ApiKeysPanel {\n    apiKeys {\n      ...ApiKeysPanel_key\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLogPanel($first: Int, $type: AuditEventType) {\n    auditLog(first: $first, type: $type) {\n      totalCount\n      edges {\n        node {\n          id\n          type\n          actorId\n          subjectId\n          ip\n          createdAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditLogPanel($first: Int, $type: AuditEventType) {\n    auditLog(first: $first, type: $type) {\n      totalCount\n      edges {\n        node {\n          id\n          type\n          actorId\n          subjectId\n          ip\n          createdAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserTable($first: Int, $after: String, $search: String, $role: Role) {\n    users(first: $first, after: $after, search: $search, role: $role) {\n      totalCount\n      edges {\n        node {\n          id\n          username\n          email\n          role\n          disabled\n          createdAt\n          lastLoginAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query UserTable($first: Int, $after: String, $search: String, $role: Role) {\n    users(first: $first, after: $after, search: $search, role: $role) {\n      totalCount\n      edges {\n        node {\n          id\n          username\n          email\n          role\n          disabled\n          createdAt\n          lastLoginAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserRole($userId: ID!, $role: Role!) {\n    setUserRole(userId: $userId, role: $role) {\n      id\n      role\n    }\n  }\n"): (typeof documents)["\n  mutation SetUserRole($userId: ID!, $role: Role!) {\n    setUserRole(userId: $userId, role: $role) {\n      id\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserDisabled($userId: ID!, $disabled: Boolean!) {\n    setUserDisabled(userId: $userId, disabled: $disabled) {\n      id\n      disabled\n    }\n  }\n"): (typeof documents)["\n  mutation SetUserDisabled($userId: ID!, $disabled: Boolean!) {\n    setUserDisabled(userId: $userId, disabled: $disabled) {\n      id\n      disabled\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        ...ApiKeysPanel_key\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        ...ApiKeysPanel_key\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id)\n  }\n"): (typeof documents)["\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeliveryLog($endpointId: ID!, $first: Int, $after: String) {\n    webhookEndpointAttempts(endpointId: $endpointId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          messageId\n          eventType\n          attempt\n          statusCode\n          latencyMs\n          responseExcerpt\n          error\n          createdAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DeliveryLog($endpointId: ID!, $first: Int, $after: String) {\n    webhookEndpointAttempts(endpointId: $endpointId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          messageId\n          eventType\n          attempt\n          statusCode\n          latencyMs\n          responseExcerpt\n          error\n          createdAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EndpointActions_endpoint on WebhookEndpoint {\n    id\n    url\n    status\n  }\n"): (typeof documents)["\n  fragment EndpointActions_endpoint on WebhookEndpoint {\n    id\n    url\n    status\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription EndpointDisabledNotices {\n    webhookEndpointDisabled {\n      id\n      url\n      status\n      disabledReason\n      disabledAt\n    }\n  }\n"): (typeof documents)["\n  subscription EndpointDisabledNotices {\n    webhookEndpointDisabled {\n      id\n      url\n      status\n      disabledReason\n      disabledAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EndpointRow_endpoint on WebhookEndpoint {\n    id\n    url\n    eventTypes\n    createdAt\n    ...EndpointStatus_endpoint\n    ...EndpointActions_endpoint\n  }\n"): (typeof documents)["\n  fragment EndpointRow_endpoint on WebhookEndpoint {\n    id\n    url\n    eventTypes\n    createdAt\n    ...EndpointStatus_endpoint\n    ...EndpointActions_endpoint\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EndpointStatus_endpoint on WebhookEndpoint {\n    id\n    status\n    disabledReason\n  }\n"): (typeof documents)["\n  fragment EndpointStatus_endpoint on WebhookEndpoint {\n    id\n    status\n    disabledReason\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReceivedPayloads($sourceId: ID!, $first: Int, $after: String) {\n    webhookDeliveries(sourceId: $sourceId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          webhookId\n          status\n          error\n          taskId\n          body\n          createdAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ReceivedPayloads($sourceId: ID!, $first: Int, $after: String) {\n    webhookDeliveries(sourceId: $sourceId, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          webhookId\n          status\n          error\n          taskId\n          body\n          createdAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplayInboundWebhook($id: ID!) {\n    replayInboundWebhook(id: $id) {\n      id\n      webhookId\n      status\n      error\n      taskId\n    }\n  }\n"): (typeof documents)["\n  mutation ReplayInboundWebhook($id: ID!) {\n    replayInboundWebhook(id: $id) {\n      id\n      webhookId\n      status\n      error\n      taskId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SourceAction_source on WebhookSource {\n    id\n    action\n    agent\n    taskType\n  }\n"): (typeof documents)["\n  fragment SourceAction_source on WebhookSource {\n    id\n    action\n    agent\n    taskType\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SourceRow_source on WebhookSource {\n    id\n    name\n    signature\n    secretCount\n    createdAt\n    ...SourceAction_source\n  }\n"): (typeof documents)["\n  fragment SourceRow_source on WebhookSource {\n    id\n    name\n    signature\n    secretCount\n    createdAt\n    ...SourceAction_source\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookEndpointPage($id: ID!) {\n    webhookEndpoint(id: $id) {\n      id\n      url\n      eventTypes\n      status\n      createdAt\n      ...EndpointStatus_endpoint\n      ...EndpointActions_endpoint\n    }\n  }\n"): (typeof documents)["\n  query WebhookEndpointPage($id: ID!) {\n    webhookEndpoint(id: $id) {\n      id\n      url\n      eventTypes\n      status\n      createdAt\n      ...EndpointStatus_endpoint\n      ...EndpointActions_endpoint\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookEndpointsPage($first: Int, $after: String) {\n    webhookEndpoints(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...EndpointRow_endpoint\n        }\n      }\n    }\n    webhookEventTypes\n  }\n"): (typeof documents)["\n  query WebhookEndpointsPage($first: Int, $after: String) {\n    webhookEndpoints(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...EndpointRow_endpoint\n        }\n      }\n    }\n    webhookEventTypes\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookSourcePage($id: ID!) {\n    webhookSource(id: $id) {\n      id\n      name\n      signature\n      secretCount\n      createdAt\n      owner {\n        id\n        username\n      }\n      ...SourceAction_source\n    }\n  }\n"): (typeof documents)["\n  query WebhookSourcePage($id: ID!) {\n    webhookSource(id: $id) {\n      id\n      name\n      signature\n      secretCount\n      createdAt\n      owner {\n        id\n        username\n      }\n      ...SourceAction_source\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookSourcesPage($first: Int, $after: String) {\n    webhookSources(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...SourceRow_source\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebhookSourcesPage($first: Int, $after: String) {\n    webhookSources(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...SourceRow_source\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      secret\n      endpoint {\n        id\n        url\n        ...EndpointRow_endpoint\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) {\n      secret\n      endpoint {\n        id\n        url\n        ...EndpointRow_endpoint\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetWebhookEndpointDisabled($id: ID!, $disabled: Boolean!) {\n    setWebhookEndpointDisabled(id: $id, disabled: $disabled) {\n      id\n      ...EndpointStatus_endpoint\n      ...EndpointActions_endpoint\n    }\n  }\n"): (typeof documents)["\n  mutation SetWebhookEndpointDisabled($id: ID!, $disabled: Boolean!) {\n    setWebhookEndpointDisabled(id: $id, disabled: $disabled) {\n      id\n      ...EndpointStatus_endpoint\n      ...EndpointActions_endpoint\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CreateSourceFormAgents {\n    agents {\n      id\n      name\n      status\n      capabilities\n    }\n  }\n"): (typeof documents)["\n  query CreateSourceFormAgents {\n    agents {\n      id\n      name\n      status\n      capabilities\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhookSource($input: CreateWebhookSourceInput!) {\n    createWebhookSource(input: $input) {\n      secret\n      source {\n        id\n        name\n        ...SourceRow_source\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWebhookSource($input: CreateWebhookSourceInput!) {\n    createWebhookSource(input: $input) {\n      secret\n      source {\n        id\n        name\n        ...SourceRow_source\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateWebhookSourceSecret($id: ID!) {\n    rotateWebhookSourceSecret(id: $id) {\n      secret\n      source {\n        id\n        secretCount\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RotateWebhookSourceSecret($id: ID!) {\n    rotateWebhookSourceSecret(id: $id) {\n      secret\n      source {\n        id\n        secretCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendTestWebhook($endpointId: ID!) {\n    sendTestWebhook(endpointId: $endpointId) {\n      messageId\n      queued\n    }\n  }\n"): (typeof documents)["\n  mutation SendTestWebhook($endpointId: ID!) {\n    sendTestWebhook(endpointId: $endpointId) {\n      messageId\n      queued\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;