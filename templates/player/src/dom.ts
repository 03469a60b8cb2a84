/** Tiny DOM helpers: elements from tag, attributes and children; trusted HTML only from the build. */
type Child = Node | string | null | undefined | false;

export function h(tag: string, attrs: Record<string, string | number | boolean | null | undefined> = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child) el.append(child);
  return el;
}

/** An element whose content is HTML sanitised at build time (from the IR). */
export function html(tag: string, markup: string, attrs: Record<string, string | number | boolean | undefined> = {}): HTMLElement {
  const el = h(tag, attrs);
  el.innerHTML = markup;
  for (const img of el.querySelectorAll('img')) {
    img.loading = 'lazy';
    img.decoding = 'async';
  }
  for (const media of el.querySelectorAll('video, audio')) (media as HTMLMediaElement).preload = 'none';
  return el;
}

let counter = 0;
export const uid = (prefix: string) => `${prefix}-${(counter += 1)}`;
