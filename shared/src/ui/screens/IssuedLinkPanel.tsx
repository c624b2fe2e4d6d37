import type { IssuedLink } from '../api/types';
import { Callout } from '../components/Callout';
import { CopyField } from '../components/CopyField';
import { relativeTime } from '../format';

/** A fresh invitation or reset link: whether it was emailed, and the link to pass on. */
export function IssuedLinkPanel({
  link,
  email,
  what,
}: {
  link: IssuedLink;
  email: string;
  what: 'invitation' | 'reset link';
}) {
  return (
    <div className="stack">
      <Callout
        tone={link.emailed ? 'ok' : 'info'}
        title={
          link.emailed ? `The ${what} was emailed to ${email}` : `Send this ${what} to ${email}`
        }
      >
        {link.emailed
          ? 'You can also copy the link below and send it another way.'
          : 'No mail server is set up, so nothing was emailed. Copy the link and send it yourself.'}{' '}
        It works once and expires {relativeTime(link.expires_at)}.
      </Callout>
      <CopyField
        label={what === 'invitation' ? 'Invitation link' : 'Reset link'}
        value={link.link}
      />
    </div>
  );
}
