import {limits, mutators} from '@chorus/schema';
import {useZero} from '@rocicorp/zero/react';
import {useState} from 'react';
import {useNavigate} from 'react-router';
import {useFormAction} from '../hooks/use-form-action.ts';
import {useFriends} from '../hooks/use-friends.ts';
import {newID} from '../lib/ids.ts';
import {clientResult} from '../lib/mutate.ts';
import {useToastStore} from '../stores/toast-store.ts';
import {FormDialog} from './form-dialog.tsx';
import {FriendPicker} from './friend-picker.tsx';
import {msg} from '../i18n/index.ts';
import {groupsMsg} from '../i18n/groups.ts';

/** Friends a new group holds besides me: two (three people) up to the limit less me [DM3]. */
export const GROUP_FRIENDS_MIN = 2;
export const GROUP_FRIENDS_MAX = limits.conversationMembersMax - 1;

/**
 * [DM3] "New group message": pick 2–9 friends; the group (3–10 people with
 * me) is created by the Zero mutator, so it opens at once, and a refusal by
 * the server afterwards says why in a toast.
 */
export function NewGroupDialog({open, onClose}: {open: boolean; onClose: () => void}) {
  const zero = useZero();
  const navigate = useNavigate();
  const toast = useToastStore(s => s.show);
  const friends = useFriends();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const close = () => {
    setSelected(new Set());
    onClose();
  };
  const {busy, error, onSubmit} = useFormAction(async () => {
    if (selected.size < GROUP_FRIENDS_MIN) throw new Error(groupsMsg.chooseMore(GROUP_FRIENDS_MIN));
    const id = newID();
    const result = zero.mutate(mutators.conversation.create({id, userIDs: [...selected]}));
    await clientResult(result);
    close();
    navigate(`/dm/${id}`);
    void result.server.then(r => {
      if (r.type === 'error') toast(msg.common.failed(groupsMsg.actions.create, r.error.message));
    });
  });
  return (
    <FormDialog
      title={groupsMsg.newTitle}
      open={open}
      onClose={close}
      onSubmit={onSubmit}
      busy={busy}
      error={error}
      submitLabel={groupsMsg.create}
    >
      <FriendPicker
        legend={groupsMsg.pickLegend}
        hint={groupsMsg.pickHint(GROUP_FRIENDS_MIN, GROUP_FRIENDS_MAX, selected.size)}
        friends={friends}
        selected={selected}
        max={GROUP_FRIENDS_MAX}
        onChange={setSelected}
      />
    </FormDialog>
  );
}
