import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Switch } from './Switch';

describe('Switch', () => {
  it('is a named, described switch that says whether it is on', () => {
    const html = renderToStaticMarkup(
      <Switch label="Receiving" description="Accept events." checked onChange={() => undefined} />,
    );
    expect(html).toMatch(/role="switch"/);
    expect(html).toMatch(/aria-checked="true"/);
    const id = /aria-labelledby="([^"]+)"/.exec(html)?.[1];
    expect(html).toContain(`id="${id}">Receiving</div>`);
  });

  it('is disabled while its change is saving', () => {
    const html = renderToStaticMarkup(
      <Switch label="Publishing" checked={false} busy onChange={() => undefined} />,
    );
    expect(html).toMatch(/aria-checked="false"/);
    expect(html).toMatch(/disabled=""/);
  });
});
