import {restFieldName} from './rest-field.ts';

/**
 * Words for the fields the API validates, for a problem's `detail`, which
 * forms show in alerts: a person reads "Access code", not `accessCode`.
 * The field's path stays machine-readable in `field` and `errors`.
 */
const labels: Record<string, string> = {
  accessCode: 'Access code',
  body: 'Request',
  content: 'Message',
  email: 'Email address',
  emoji: 'Emoji',
  externalLink: 'Link',
  id: 'ID',
  isPrivate: 'Private',
  messageId: 'Message',
  name: 'Name',
  newPassword: 'New password',
  password: 'Password',
  pictureUrl: 'Picture',
  roomId: 'Room',
  serverId: 'Server',
  token: 'Link from the email',
  userId: 'Person',
  username: 'Username',
};

/** `accessCode` → "Access code"; a dotted path is named by its last word (`members.0.userId` → "Person"). */
export function fieldLabel(field: string): string {
  const key =
    field
      .replace(/[()]/g, '')
      .split('.')
      .filter(part => part && !/^\d+$/.test(part))
      .at(-1) ?? field;
  const known = labels[restFieldName(key)];
  if (known) return known;
  const words = restFieldName(key)
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A field's message in words: as is when it already names the field
 * ("Room name cannot be empty."), else led by the field's label
 * ("Username: Invalid input: expected string, received undefined").
 */
export function fieldDetail(field: string, message: string): string {
  const label = fieldLabel(field);
  return message.toLowerCase().includes(label.toLowerCase()) ? message : `${label}: ${message}`;
}
