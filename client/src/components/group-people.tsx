import {limits, mutators} from '@chorus/schema';
import {useZero} from '@rocicorp/zero/react';
import {useMemo, useState} from 'react';
import {useNavigate} from 'react-router';
import {useAct} from '../hooks/use-act.ts';
import {useFormAction} from '../hooks/use-form-action.ts';
import {useFriends} from '../hooks/use-friends.ts';
import {clientResult} from '../lib/mutate.ts';
import {useToastStore} from '../stores/toast-store.ts';
import {Avatar} from './avatar.tsx';
import {confirmAction} from './confirm-dialog.tsx';
import {FormDialog} from './form-dialog.tsx';
import {FriendPicker} from './friend-picker.tsx';
import {Icon} from './icons.tsx';
import {Button, Dialog} from './ui.tsx';
import {msg} from '../i18n/index.ts';
import {groupsMsg} from '../i18n/groups.ts';

type Group = {
  id: string;
  createdBy?: string | null | undefined;
  members: readonly {
    userID: string;
    user?: {username: string; pictureUrl?: string | null | undefined} | undefined;
  }[];
};

/**
 * [DM3] A group conversation's people, from its header: who is in it, "Add
 * people" for its creator (friends, up to 10 in all) and "Leave
 * conversation" for everyone, asked first.
 */
export function GroupPeople({group, me}: {group: Group; me: string | undefined}) {
  const [dialog, setDialog] = useState<'people' | 'add'>();
  const zero = useZero();
  const act = useAct();
  const navigate = useNavigate();
  const isCreator = me !== undefined && group.createdBy === me;
  const full = group.members.length >= limits.conversationMembersMax;
  // A <dialog> closed by the other one opening still says "close": only the open one's own close counts.
  const closePeople = () => setDialog(d => (d === 'people' ? undefined : d));
  const backToPeople = () => setDialog(d => (d === 'add' ? 'people' : d));

  const leave = async () => {
    setDialog(undefined);
    const ok = await confirmAction({
      title: groupsMsg.leaveTitle,
      body: groupsMsg.leaveBody,
      confirmLabel: groupsMsg.leave,
      destructive: true,
    });
    if (!ok) return;
    if (
      await act(zero.mutate(mutators.conversation.leave({conversationID: group.id})), groupsMsg.actions.leave)
    ) {
      navigate('/friends');
    }
  };

  return (
    <>
      <button
        type="button"
        aria-label={groupsMsg.people(group.members.length)}
        title={groupsMsg.people(group.members.length)}
        aria-haspopup="dialog"
        onClick={() => setDialog('people')}
        className="flex items-center gap-1 rounded p-1 text-sm text-ink-muted hover:bg-surface-3"
      >
        <Icon name="users" />
        <span aria-hidden>{group.members.length}</span>
      </button>
      <Dialog title={groupsMsg.peopleTitle} open={dialog === 'people'} onClose={closePeople}>
        <ul aria-label={groupsMsg.peopleTitle} className="flex max-h-72 flex-col gap-1 overflow-y-auto">
          {group.members.map(m => {
            const name = m.user?.username ?? msg.common.unknownUser;
            return (
              <li key={m.userID} className="flex items-center gap-2 text-sm">
                <Avatar profile={{username: name, pictureUrl: m.user?.pictureUrl}} size={28} />
                <span className="min-w-0 flex-1 truncate">{name}</span>
                {m.userID === group.createdBy ? (
                  <span className="text-xs text-ink-muted">{groupsMsg.creator}</span>
                ) : null}
                {m.userID === me ? <span className="text-xs text-ink-muted">{groupsMsg.you}</span> : null}
              </li>
            );
          })}
        </ul>
        {isCreator && full ? <p className="text-sm text-ink-muted">{groupsMsg.full}</p> : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button type="button" variant="ghost" className="text-danger" onClick={() => void leave()}>
            {groupsMsg.leave}
          </Button>
          {isCreator && !full ? (
            <Button type="button" onClick={() => setDialog('add')}>
              {groupsMsg.add}
            </Button>
          ) : null}
          <Button type="button" variant="ghost" onClick={closePeople}>
            {msg.common.close}
          </Button>
        </div>
      </Dialog>
      {isCreator ? <AddPeopleDialog group={group} open={dialog === 'add'} onClose={backToPeople} /> : null}
    </>
  );
}

/** [DM3] The creator adds friends not in the group yet, up to the limit. */
function AddPeopleDialog({group, open, onClose}: {group: Group; open: boolean; onClose: () => void}) {
  const zero = useZero();
  const toast = useToastStore(s => s.show);
  const friends = useFriends();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const inGroup = useMemo(() => new Set(group.members.map(m => m.userID)), [group.members]);
  const candidates = useMemo(() => friends.filter(f => !inGroup.has(f.id)), [friends, inGroup]);
  const room = Math.max(0, limits.conversationMembersMax - group.members.length);
  const close = () => {
    setSelected(new Set());
    onClose();
  };
  const {busy, error, onSubmit} = useFormAction(async () => {
    if (selected.size === 0) throw new Error(groupsMsg.chooseMore(1));
    for (const userID of selected) {
      const result = zero.mutate(mutators.conversation.addMember({conversationID: group.id, userID}));
      await clientResult(result);
      void result.server.then(r => {
        if (r.type === 'error') toast(msg.common.failed(groupsMsg.actions.add, r.error.message));
      });
    }
    close();
  });
  return (
    <FormDialog
      title={groupsMsg.addTitle}
      open={open}
      onClose={close}
      onSubmit={onSubmit}
      busy={busy}
      error={error}
      submitLabel={groupsMsg.addSubmit}
    >
      <FriendPicker
        legend={groupsMsg.pickLegend}
        hint={groupsMsg.addHint(room, selected.size)}
        friends={candidates}
        selected={selected}
        max={room}
        onChange={setSelected}
      />
    </FormDialog>
  );
}
