import type {Mail} from './mailer.ts';

const escapeHTML = (s: string) => s.replace(/[&<>"']/g, ch => `&#${ch.charCodeAt(0)};`);

function layout(title: string, body: string, action: {label: string; url: string}): string {
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:auto;padding:1.5rem;color:#1f2330">
<h1 style="font-size:1.25rem">${escapeHTML(title)}</h1>
<p>${escapeHTML(body)}</p>
<p><a href="${escapeHTML(action.url)}" style="display:inline-block;background:#4f46e5;color:#fff;padding:.6rem 1rem;border-radius:.4rem;text-decoration:none">${escapeHTML(action.label)}</a></p>
<p style="color:#666;font-size:.85rem">Or paste this link into your browser: ${escapeHTML(action.url)}</p>
</body></html>`;
}

export function verificationMail(to: string, username: string, url: string): Mail {
  const body = `Hi ${username}, confirm this is your email address to start chatting on Chorus. The link works for 24 hours.`;
  return {
    to,
    subject: 'Verify your email for Chorus',
    text: `${body}\n\n${url}\n\nIf you did not sign up, ignore this mail.`,
    html: layout('Verify your email', body, {label: 'Verify email', url}),
  };
}

export function passwordResetMail(to: string, username: string, url: string): Mail {
  const body = `Hi ${username}, someone (we hope you) asked to reset your Chorus password. Choose a new one with this link; it works once, for 1 hour, and signs out every device.`;
  return {
    to,
    subject: 'Reset your Chorus password',
    text: `${body}\n\n${url}\n\nIf you did not ask for this, ignore this mail: your password stays as it is.`,
    html: layout('Reset your password', body, {label: 'Choose a new password', url}),
  };
}

export function signupAttemptMail(to: string, username: string, url: string): Mail {
  const body = `Hi ${username}, someone just tried to create a Chorus account with this address, which already has one. If it was you, sign in, or reset your password if you forgot it.`;
  return {
    to,
    subject: 'Someone tried to sign up to Chorus with your address',
    text: `${body}\n\n${url}\n\nIf it was not you, ignore this mail: nothing has changed.`,
    html: layout('You already have an account', body, {label: 'Reset your password', url}),
  };
}

export function passwordChangedMail(to: string, username: string, url: string): Mail {
  const body = `Hi ${username}, your Chorus password was just changed and every device was signed out.`;
  return {
    to,
    subject: 'Your Chorus password was changed',
    text: `${body}\n\nIf this was not you, reset your password now: ${url}`,
    html: layout('Your password was changed', `${body} If this was not you, reset it now.`, {
      label: 'Reset your password',
      url,
    }),
  };
}
