import {beforeEach, describe, expect, it} from 'vitest';
import {useUnreadStore} from './unread-store.ts';

describe('this device’s read marks', () => {
  beforeEach(() => useUnreadStore.setState({readMarks: {}}));

  it('keeps the latest mark per room and never moves one back', () => {
    const {noteRead} = useUnreadStore.getState();
    noteRead('a', 2000);
    noteRead('b', 500);
    noteRead('a', 1000);
    expect(useUnreadStore.getState().readMarks).toEqual({a: 2000, b: 500});
  });

  it('leaves the state untouched when nothing moves, so subscribers do not re-render', () => {
    const {noteRead} = useUnreadStore.getState();
    noteRead('a', 2000);
    const before = useUnreadStore.getState();
    noteRead('a', 2000);
    noteRead('a', 10);
    expect(useUnreadStore.getState()).toBe(before);
  });
});
