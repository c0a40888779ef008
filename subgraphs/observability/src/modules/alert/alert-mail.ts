import { html, mailTemplate } from '@trae/kit';
import type { AlertEvent } from './alert-notifier.js';

const when = (iso: string | null) => iso ?? '-';

/** The email each ALERT_EMAIL_TO address gets when an alert fires or resolves. */
export const alertMail = mailTemplate<AlertEvent>({
  subject: (a) => `[${a.status}] ${a.severity} ${a.name}`,
  text: (a) =>
    `${a.name} is ${a.status} (${a.severity}).\n\n${a.summary}\n\n` +
    `Value: ${a.value ?? 'none'}\nStarted: ${a.startedAt}\nFiring since: ${when(a.firingAt)}\n` +
    `Resolved: ${when(a.resolvedAt)}\n\nAlert ${a.alertId} of rule ${a.ruleId}.\n`,
  html: (a) =>
    html`<h2>${a.name} is ${a.status}</h2><p><strong>${a.severity}</strong>: ${a.summary}</p><table>
<tr><th align="left">Value</th><td>${a.value ?? 'none'}</td></tr>
<tr><th align="left">Started</th><td>${a.startedAt}</td></tr>
<tr><th align="left">Firing since</th><td>${when(a.firingAt)}</td></tr>
<tr><th align="left">Resolved</th><td>${when(a.resolvedAt)}</td></tr>
</table><p>Alert <code>${a.alertId}</code> of rule <code>${a.ruleId}</code>.</p>`,
});
