import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { useHub } from '../hub-context';
import { routePath, type Route } from '../routing/routes';

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  to: Route;
}

/** A real <a> (keyboard, middle-click, copy link) that navigates through the host's navigator. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const { navigator } = useHub();
  const path = routePath(to);
  const click = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    navigator.navigate(path);
  };
  return <a href={navigator.href(path)} onClick={click} {...rest} />;
}
