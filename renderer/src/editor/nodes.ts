// Every Lexical node type a Casefile document may contain (article bodies and notebook
// pages). Main never instantiates an editor: it writes the same nodes as JSON
// (common/text/document.ts), and this list is where the renderer registers them.
import type { Klass, LexicalNode } from 'lexical';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { ListItemNode, ListNode } from '@lexical/list';
import { AutoLinkNode, LinkNode } from '@lexical/link';
import { MarkNode } from '@lexical/mark';
import { ImagePlaceholderNode } from './ImagePlaceholderNode.tsx';
import { AnnotationQuoteNode } from './AnnotationQuoteNode.tsx';

export const documentNodes: ReadonlyArray<Klass<LexicalNode>> = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
  AutoLinkNode,
  MarkNode,
  ImagePlaceholderNode,
  AnnotationQuoteNode,
];

export const editorTheme = {
  paragraph: 'cf-p',
  quote: 'cf-quote',
  heading: { h1: 'cf-h1', h2: 'cf-h2', h3: 'cf-h3', h4: 'cf-h4', h5: 'cf-h5', h6: 'cf-h6' },
  list: { ul: 'cf-ul', ol: 'cf-ol', listitem: 'cf-li', nested: { listitem: 'cf-li-nested' } },
  link: 'cf-link',
  mark: 'cf-mark',
  markOverlap: 'cf-mark-overlap',
  text: { bold: 'cf-bold', italic: 'cf-italic', underline: 'cf-underline', strikethrough: 'cf-strike', code: 'cf-code' },
};
