import {catalogSection} from './index.ts';

/**
 * The keyboard shortcut help.
 *
 * These words load with the screens that show them, not with the room route
 * (issue 7). A translation is an object of type `ShortcutsCatalog`, added to the record
 * given to `catalogSection` below.
 */
export const shortcutsEn = {
  title: 'Keyboard shortcuts',
  list: [
    {keys: 'Ctrl/⌘ + K', action: 'Jump to a server or room'},
    {keys: 'Alt + ↑ / ↓', action: 'Previous / next room'},
    {keys: 'Enter', action: 'Send the message'},
    {keys: 'Shift + Enter', action: 'New line in the message'},
    {keys: '↑ in an empty composer', action: 'Edit your last message'},
    {keys: '↑ / ↓, Home / End in the messages', action: 'Previous / next, first / latest message'},
    {keys: 'Enter on a message', action: 'Its actions (← / → between them)'},
    {keys: 'Esc on a message', action: 'Back to the composer'},
    {keys: 'Esc', action: 'Close the panel or dialog'},
    {keys: 'Shift + click Delete', action: 'Delete a message without being asked'},
    {keys: 'Esc while editing', action: 'Cancel the edit'},
    {keys: '? (or Ctrl/⌘ + /)', action: 'Show these shortcuts, also from an empty composer'},
  ],
};

export type ShortcutsCatalog = typeof shortcutsEn;

export const shortcutsMsg: ShortcutsCatalog = catalogSection({en: shortcutsEn});
