import {useState} from 'react';

/** An avatar: the person's picture, or their initial. */
export function Avatar({
  profile,
  size,
}: {
  profile: {username: string; pictureUrl?: string | null | undefined};
  size: number;
}) {
  const [broken, setBroken] = useState(false);
  if (profile.pictureUrl && !broken) {
    return (
      <img
        src={profile.pictureUrl}
        alt=""
        width={size}
        height={size}
        referrerPolicy="no-referrer"
        onError={() => setBroken(true)}
        className="shrink-0 rounded-full object-cover"
        style={{width: size, height: size}}
      />
    );
  }
  return (
    <span
      aria-hidden
      className="flex shrink-0 items-center justify-center rounded-full bg-brand/20 font-semibold"
      style={{width: size, height: size, fontSize: size / 2.4}}
    >
      {profile.username.slice(0, 1).toUpperCase()}
    </span>
  );
}
