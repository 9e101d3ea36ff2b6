// Small helpers for the Markdown handouts pathbook prints (playlists, choice boards).

/** Text as Markdown shows it literally: emphasis, links, HTML and table pipes neutralised. */
export function mdText(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/^([#+-]|\d+\.)(\s)/, '\\$1$2');
}

/** A link a printed page can show and a screen can follow; only web and mail addresses become links. */
export function mdLink(url: string): string {
  return /^(https?:\/\/|mailto:)[^\s<>]+$/i.test(url) ? `<${url}>` : mdText(url);
}

export function minutesText(minutes: number): string {
  return minutes > 0 ? `${minutes} min` : '';
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
