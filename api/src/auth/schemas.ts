import {z} from 'zod';

/** Request bodies of the account endpoints. Emails are trimmed before they are checked. */

export const usernameSchema = z
  .string({message: 'Username is required.'})
  .trim()
  .regex(/^[A-Za-z0-9_.-]{2,32}$/, {message: 'Use 2–32 letters, digits, dots, dashes or underscores.'});

export const emailSchema = z
  .string({message: 'Email is required.'})
  .trim()
  .pipe(z.email({message: 'Enter a valid email address.'}).max(255));

export const passwordSchema = z
  .string({message: 'Password is required.'})
  .min(8, {message: 'Use at least 8 characters.'})
  .max(256, {message: 'Use at most 256 characters.'});

export const registerBodySchema = z.object({
  username: usernameSchema,
  email: emailSchema,
  password: passwordSchema,
});
export type RegisterBody = z.infer<typeof registerBodySchema>;

export const loginBodySchema = z.object({
  email: z.string({message: 'Email is required.'}).trim().min(1, {message: 'Email is required.'}),
  password: z.string({message: 'Password is required.'}).min(1, {message: 'Password is required.'}),
});

export const tokenSchema = z
  .string({message: 'The token is missing.'})
  .min(10, {message: 'The token is missing.'})
  .max(200);

export const tokenBodySchema = z.object({token: tokenSchema});

export const emailBodySchema = z.object({email: emailSchema});

export const resetPasswordBodySchema = z.object({token: tokenSchema, password: passwordSchema});

/** The form an address takes in rate-limit and lockout keys. */
export const accountKey = (email: string) => `email:${email.trim().toLowerCase()}`;
