/**
 * [API2] The REST spelling of a field path. The shared mutators and Zero name
 * ids the TypeScript way (`roomID`, `userIDs`); REST bodies and problems the
 * JSON way (`roomId`, `userIds`). A mutator's error names its own argument,
 * so a REST caller is told the field it sent. Each segment of a dotted path
 * is renamed (`members.0.userID` → `members.0.userId`); anything else stays.
 */
export function restFieldName(field: string): string {
  return field
    .split('.')
    .map(part => part.replace(/ID(s?)$/, 'Id$1'))
    .join('.');
}
