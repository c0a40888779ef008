import { lazy } from 'react';
import { BrowserRouter, Outlet, Route, Routes } from 'react-router-dom';
import { ProtectedRoute } from './auth/ProtectedRoute';
import { Layout } from './components/Layout';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OidcCallbackPage } from './pages/OidcCallbackPage';
import { RegisterPage } from './pages/RegisterPage';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { VerifyEmailPage } from './pages/VerifyEmailPage';

// Every page is its own chunk: the first load carries only the shell and the page asked for.
const OverviewPage = lazy(() => import('./pages/overview/OverviewPage'));
const AnalyticsPage = lazy(() => import('./pages/analytics/AnalyticsPage'));
const ServicesPage = lazy(() => import('./pages/services/ServicesPage'));
const SystemPage = lazy(() => import('./pages/system/SystemPage'));
const BackupsPage = lazy(() => import('./pages/system/BackupsPage'));
const AlertsPage = lazy(() => import('./pages/alerts/AlertsPage'));
const LogsPage = lazy(() => import('./pages/logs/LogsPage'));
const ErrorsPage = lazy(() => import('./pages/errors/ErrorsPage'));
const TasksPage = lazy(() => import('./pages/tasks/TasksPage'));
const TaskPage = lazy(() => import('./pages/tasks/TaskPage'));
const ChannelsPage = lazy(() => import('./pages/channels/ChannelsPage'));
const ChannelPage = lazy(() => import('./pages/channels/ChannelPage'));
const FilesPage = lazy(() => import('./pages/files/FilesPage'));
const WebhookEndpointsPage = lazy(() => import('./pages/webhooks/WebhookEndpointsPage'));
const WebhookEndpointPage = lazy(() => import('./pages/webhooks/WebhookEndpointPage'));
const WebhookSourcesPage = lazy(() => import('./pages/webhooks/WebhookSourcesPage'));
const WebhookSourcePage = lazy(() => import('./pages/webhooks/WebhookSourcePage'));
const UsersPage = lazy(() => import('./pages/users/UsersPage'));
const PlaygroundPage = lazy(() => import('./pages/playground/PlaygroundPage'));
const AccountPage = lazy(() => import('./pages/account/AccountPage'));

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/login/oidc" element={<OidcCallbackPage />} />
        <Route path="/register" element={<RegisterPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        {/* Where identity's emailed links point (GATEWAY_URL + path). */}
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route path="/verify-email" element={<VerifyEmailPage />} />
        <Route
          element={
            <ProtectedRoute>
              <Layout />
            </ProtectedRoute>
          }
        >
          <Route index element={<OverviewPage />} />
          <Route path="analytics" element={<AnalyticsPage />} />
          <Route path="services" element={<ServicesPage />} />
          <Route path="system" element={<SystemPage />} />
          <Route path="logs" element={<LogsPage />} />
          <Route path="errors" element={<ErrorsPage />} />
          <Route path="tasks" element={<TasksPage />} />
          <Route path="tasks/:id" element={<TaskPage />} />
          <Route path="channels" element={<ChannelsPage />} />
          <Route path="channels/:id" element={<ChannelPage />} />
          {/* Not /files: the gateway serves file transfers there. */}
          <Route path="uploads" element={<FilesPage />} />
          {/* Not /webhooks: senders POST there through the gateway. */}
          <Route path="webhook-endpoints" element={<WebhookEndpointsPage />} />
          <Route path="webhook-endpoints/:id" element={<WebhookEndpointPage />} />
          {/* ADMIN only: others see a refusal, not the page. */}
          <Route
            element={
              <ProtectedRoute roles={['ADMIN']}>
                <Outlet />
              </ProtectedRoute>
            }
          >
            <Route path="webhook-sources" element={<WebhookSourcesPage />} />
            <Route path="webhook-sources/:id" element={<WebhookSourcePage />} />
            <Route path="users" element={<UsersPage />} />
            <Route path="system/backups" element={<BackupsPage />} />
            <Route path="alerts" element={<AlertsPage />} />
          </Route>
          <Route path="playground" element={<PlaygroundPage />} />
          <Route path="account" element={<AccountPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
