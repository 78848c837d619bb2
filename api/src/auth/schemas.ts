import {noNul} from '@chorus/schema';
import {z} from 'zod';
import {normalizeEmail} from './email.ts';

/**
 * Request bodies of the account endpoints. [AC11] Every address comes out in
 * its normalised form, checked after normalising, so each path stores and
 * compares the same string.
 */

export const usernameSchema = z
  .string({message: 'Username is required.'})
  .trim()
  .regex(/^[A-Za-z0-9_.-]{2,32}$/, {message: 'Use 2–32 letters, digits, dots, dashes or underscores.'});

export const emailSchema = z
  .string({message: 'Email is required.'})
  .check(noNul)
  .transform(normalizeEmail)
  .pipe(z.email({message: 'Enter a valid email address.'}).max(255).brand<'NormalizedEmail', 'inout'>());

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
  email: z
    .string({message: 'Email is required.'})
    .trim()
    .min(1, {message: 'Email is required.'})
    .check(noNul)
    .transform(normalizeEmail),
  password: z.string({message: 'Password is required.'}).min(1, {message: 'Password is required.'}),
});

export const tokenSchema = z
  .string({message: 'The token is missing.'})
  .min(10, {message: 'The token is missing.'})
  .max(200);

export const tokenBodySchema = z.object({token: tokenSchema});

export const emailBodySchema = z.object({email: emailSchema});

export const resetPasswordBodySchema = z.object({token: tokenSchema, password: passwordSchema});
