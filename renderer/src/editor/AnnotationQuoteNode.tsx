// A highlight quoted in a notebook page. The page keeps its own copy of the words (so it
// reads and exports on its own) and the highlight's id, which main indexes to know which
// pages quote which passages; clicking the quote opens the article at the passage.
import {
  $applyNodeReplacement,
  DecoratorNode,
  type EditorConfig,
  type LexicalNode,
  type NodeKey,
  type SerializedLexicalNode,
  type Spread,
} from 'lexical';
import type { ReactNode } from 'react';
import { useNavigate } from '../shell/navigation.tsx';

export interface AnnotationQuoteFields {
  annotationId: number;
  articleId: number;
  quote: string;
  articleTitle: string;
}

export type SerializedAnnotationQuoteNode = Spread<AnnotationQuoteFields, SerializedLexicalNode>;

export class AnnotationQuoteNode extends DecoratorNode<ReactNode> {
  __annotationId: number;
  __articleId: number;
  __quote: string;
  __articleTitle: string;

  static override getType(): string {
    return 'annotation-quote';
  }

  static override clone(node: AnnotationQuoteNode): AnnotationQuoteNode {
    return new AnnotationQuoteNode(node.fields(), node.__key);
  }

  /** Read defensively: a page's JSON comes from the library file, not from this code. */
  static override importJSON(json: Record<string, unknown>): AnnotationQuoteNode {
    const id = (value: unknown) => (typeof value === 'number' && Number.isSafeInteger(value) ? value : 0);
    return new AnnotationQuoteNode({
      annotationId: id(json.annotationId),
      articleId: id(json.articleId),
      quote: typeof json.quote === 'string' ? json.quote : '',
      articleTitle: typeof json.articleTitle === 'string' ? json.articleTitle : '',
    });
  }

  constructor(fields: AnnotationQuoteFields, key?: NodeKey) {
    super(key);
    this.__annotationId = fields.annotationId;
    this.__articleId = fields.articleId;
    this.__quote = fields.quote;
    this.__articleTitle = fields.articleTitle;
  }

  fields(): AnnotationQuoteFields {
    const self = this.getLatest();
    return { annotationId: self.__annotationId, articleId: self.__articleId, quote: self.__quote, articleTitle: self.__articleTitle };
  }

  override exportJSON(): SerializedAnnotationQuoteNode {
    return { ...super.exportJSON(), type: 'annotation-quote', version: 1, ...this.fields() };
  }

  override createDOM(_config: EditorConfig): HTMLElement {
    const div = document.createElement('div');
    div.className = 'cf-annotation-quote';
    return div;
  }

  override updateDOM(): false {
    return false;
  }

  override isInline(): false {
    return false;
  }

  override isKeyboardSelectable(): boolean {
    return true;
  }

  /** The quote is the block's text, as in the canonical flattening (common/text/document.ts). */
  override getTextContent(): string {
    return this.getLatest().__quote;
  }

  override decorate(): ReactNode {
    return <AnnotationQuote {...this.fields()} />;
  }
}

export function $createAnnotationQuoteNode(fields: AnnotationQuoteFields): AnnotationQuoteNode {
  return $applyNodeReplacement(new AnnotationQuoteNode(fields));
}

export function $isAnnotationQuoteNode(node: LexicalNode | null | undefined): node is AnnotationQuoteNode {
  return node instanceof AnnotationQuoteNode;
}

function AnnotationQuote({ annotationId, articleId, quote, articleTitle }: AnnotationQuoteFields) {
  const navigate = useNavigate();
  return (
    <figure className="cf-aq" data-annotation-id={annotationId}>
      <blockquote className="cf-aq-text">{quote}</blockquote>
      <figcaption className="cf-aq-source">
        <button
          type="button"
          className="link-button"
          onClick={() => navigate({ view: 'library', id: articleId, at: annotationId })}
          title="Open the article at this passage"
        >
          — {articleTitle || `Article ${articleId}`}
        </button>
      </figcaption>
    </figure>
  );
}
