import type {ReactNode} from 'react';
import {catalogSection} from './index.ts';
import {rich} from './rich.ts';

/**
 * Sign-up, the password reset and email verification pages, the banner
 * asking to verify, and the username field (sign-up and Settings → Profile).
 * The sign-in page's words are in `en.ts`: the entry shows it.
 *
 * These words load with the screens that show them, not with the room route
 * (issue 7). A translation is an object of type `AuthCatalog`, added to the record
 * given to `catalogSection` below.
 */
export const authEn = {
  username: 'Username',
  usernameHint: '2–32 letters, digits, dots, dashes or underscores.',
  signUp: {
    title: 'Create your account',
    checkInbox: (
      email: ReactNode,
      signInLink: (text: string) => ReactNode,
      resetLink: (text: string) => ReactNode,
    ) =>
      rich(
        'Check your inbox at ',
        email,
        ' to verify your address, then ',
        signInLink('sign in'),
        '. If you already have an account, ',
        resetLink('reset your password'),
        '.',
      ),
    passwordHint: 'At least 8 characters.',
    submit: 'Create account',
    submitting: 'Creating account…',
    haveAccount: 'Already have an account?',
  },
  forgotPassword: {
    title: 'Reset your password',
    intro: 'Enter the address you signed up with and we will mail you a link to choose a new password.',
    submit: 'Send reset link',
    submitting: 'Sending…',
    remembered: 'Remembered it?',
    sentTitle: 'Check your inbox',
    /** `detail` is the server's own sentence. */
    sent: (detail: string) => `${detail} The link works for one hour.`,
    backToSignIn: 'Back to sign in',
  },
  resetPassword: {
    title: 'Choose a new password',
    needsLink: 'This page needs the link from your password reset mail. Ask for a new one.',
    askAgain: 'Ask for a new link',
    newPassword: 'New password',
    hint: 'At least 8 characters. Every device will be signed out.',
    submit: 'Set new password',
    doneTitle: 'Password changed',
  },
  verifyEmail: {
    title: 'Verify your email',
    working: 'Verifying…',
    done: 'Your email is verified. Welcome to Chorus!',
    continue: 'Continue to Chorus',
    back: 'Back to Chorus',
  },
  verifyBanner: {
    text: (email: ReactNode) =>
      rich('Verify ', email, ' to create servers and send messages. Check your inbox for the link.'),
    resend: 'Send a new link',
    sent: 'A new link is on its way.',
    verified: 'I have verified',
  },
};

export type AuthCatalog = typeof authEn;

export const authMsg: AuthCatalog = catalogSection({en: authEn});
