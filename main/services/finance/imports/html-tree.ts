// HTML through parse5: the WHATWG parsing algorithm, so tables with unclosed
// <td>/<tr> (as Santander writes them) come out as a browser shows them, with
// the source line of every element.
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';

export type HtmlDocument = T.Document;
type AnyNode = T.Node;

export function parseHtml(text: string): HtmlDocument {
  return parse(text, { sourceCodeLocationInfo: true });
}

function children(node: AnyNode): T.ChildNode[] {
  if (node.nodeName === 'template') return (node as T.Template).content.childNodes;
  return 'childNodes' in node ? node.childNodes : [];
}

/** Elements named `tag` in document order. */
export function elementsNamed(root: AnyNode, tag: string): T.Element[] {
  const found: T.Element[] = [];
  const walk = (node: AnyNode) => {
    for (const child of children(node)) {
      if ('tagName' in child && child.tagName === tag) found.push(child);
      walk(child);
    }
  };
  walk(root);
  return found;
}

/** The text inside an element, as written (entities decoded, nothing collapsed). */
export function textOf(node: AnyNode): string {
  if (node.nodeName === '#text') return (node as T.TextNode).value;
  let text = '';
  for (const child of children(node)) text += textOf(child);
  return text;
}

export function lineOf(node: AnyNode): number {
  return ('sourceCodeLocation' in node ? node.sourceCodeLocation?.startLine : undefined) ?? 1;
}

/** Every piece of text in document order, each with its source line: a page read as a person reads it. */
export function textRuns(root: AnyNode): { text: string; line: number }[] {
  const runs: { text: string; line: number }[] = [];
  const walk = (node: AnyNode) => {
    for (const child of children(node)) {
      if (child.nodeName === 'script' || child.nodeName === 'style') continue;
      if (child.nodeName === '#text') runs.push({ text: (child as T.TextNode).value, line: lineOf(child) });
      else walk(child);
    }
  };
  walk(root);
  return runs;
}
