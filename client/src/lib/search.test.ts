import {describe, expect, it} from 'vitest';
import {parseSearch} from './search.ts';

describe('the search box', () => {
  it('splits filters from the free text', () => {
    expect(parseSearch('  from:@ana in:#design has:file lunch plans ')).toEqual({
      text: 'lunch plans',
      from: 'ana',
      in: 'design',
      hasFile: true,
    });
  });

  it('[DM2] reads in:@name as the direct conversation with that person, not a room', () => {
    expect(parseSearch('in:@ben noon')).toEqual({text: 'noon', withPerson: 'ben', hasFile: false});
  });

  it('keeps the last in: filter when two are typed', () => {
    expect(parseSearch('in:@ben in:design')).toEqual({text: '', in: 'design', hasFile: false});
    expect(parseSearch('in:design in:@ben')).toEqual({text: '', withPerson: 'ben', hasFile: false});
  });

  it('keeps a word that only looks like a filter as text', () => {
    expect(parseSearch('has:link in: hello')).toEqual({text: 'has:link in: hello', hasFile: false});
  });
});
