import {describe, expect, it} from 'vitest';
import {fieldDetail, fieldLabel} from './field-labels.ts';

describe('field labels', () => {
  it('names a field in words, not its internal key', () => {
    expect(fieldLabel('accessCode')).toBe('Access code');
    expect(fieldLabel('members.0.userId')).toBe('Person');
    expect(fieldLabel('roomID')).toBe('Room');
    expect(fieldLabel('displayName')).toBe('Display name');
  });

  it('leads a message with the label unless it already names the field', () => {
    expect(fieldDetail('accessCode', 'must be 5 characters')).toBe('Access code: must be 5 characters');
    expect(fieldDetail('name', 'Name cannot be empty.')).toBe('Name cannot be empty.');
  });
});
