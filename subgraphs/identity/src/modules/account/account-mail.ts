import { html, mailTemplate } from '@trae/kit';

/** How the emails address a person: the name they chose, else their username. */
export const nameOf = (user: { displayName?: string | null; username: string }) =>
  user.displayName ?? user.username;

/** A dashboard page of the public address (GATEWAY_URL) carrying a one-time token in `?token=`. */
export function accountLink(publicUrl: string, page: '/reset-password' | '/verify-email', token: string) {
  const url = new URL(page, publicUrl);
  url.searchParams.set('token', token);
  return url.toString();
}

interface LinkParams {
  name: string;
  link: string;
  minutes: number;
}

const validFor = (minutes: number) =>
  minutes % 60 === 0 ? `${minutes / 60} hour${minutes === 60 ? '' : 's'}` : `${minutes} minutes`;

export const passwordResetMail = mailTemplate<LinkParams>({
  subject: () => 'Reset your TRAE.AI password',
  text: ({ name, link, minutes }) =>
    `Hello ${name},\n\nSomeone (we hope you) asked to reset the password of your TRAE.AI account.\n` +
    `Choose a new one here, within ${validFor(minutes)}; the link works once:\n\n${link}\n\n` +
    'If it was not you, ignore this email: your password stays as it is.\n',
  html: ({ name, link, minutes }) =>
    html`<p>Hello ${name},</p><p>Someone (we hope you) asked to reset the password of your TRAE.AI account.</p>
<p><a href="${link}">Choose a new password</a> within ${validFor(minutes)}; the link works once.</p>
<p>If it was not you, ignore this email: your password stays as it is.</p>`,
});

export const verifyEmailMail = mailTemplate<LinkParams>({
  subject: () => 'Confirm your email address for TRAE.AI',
  text: ({ name, link, minutes }) =>
    `Hello ${name},\n\nConfirm that this address belongs to your TRAE.AI account (within ${validFor(minutes)}):\n\n` +
    `${link}\n\nIf you did not ask for this, ignore this email.\n`,
  html: ({ name, link, minutes }) =>
    html`<p>Hello ${name},</p><p><a href="${link}">Confirm that this address belongs to your TRAE.AI account</a>
(within ${validFor(minutes)}).</p><p>If you did not ask for this, ignore this email.</p>`,
});

export const passwordChangedMail = mailTemplate<{ name: string }>({
  subject: () => 'Your TRAE.AI password was changed',
  text: ({ name }) =>
    `Hello ${name},\n\nThe password of your TRAE.AI account was just changed, and its other sessions ended.\n` +
    'If it was not you, reset your password at once from the sign-in page.\n',
});
