// Imported images are never loaded: each stands in the text as a placeholder with its
// alt text, so the reader knows an image was there and nothing reaches the network.
import { DecoratorNode, type NodeKey, type SerializedLexicalNode, type Spread } from 'lexical';
import type { ReactNode } from 'react';
import { imagePlaceholderText } from '../../../common/text/document.ts';

export type SerializedImagePlaceholderNode = Spread<{ altText: string }, SerializedLexicalNode>;

export class ImagePlaceholderNode extends DecoratorNode<ReactNode> {
  __altText: string;

  static override getType(): string {
    return 'image-placeholder';
  }

  static override clone(node: ImagePlaceholderNode): ImagePlaceholderNode {
    return new ImagePlaceholderNode(node.__altText, node.__key);
  }

  static override importJSON(json: SerializedImagePlaceholderNode): ImagePlaceholderNode {
    return new ImagePlaceholderNode(json.altText);
  }

  constructor(altText: string, key?: NodeKey) {
    super(key);
    this.__altText = altText;
  }

  override exportJSON(): SerializedImagePlaceholderNode {
    return { ...super.exportJSON(), type: 'image-placeholder', version: 1, altText: this.__altText };
  }

  override createDOM(): HTMLElement {
    const span = document.createElement('span');
    span.className = 'cf-image-placeholder';
    return span;
  }

  override updateDOM(): false {
    return false;
  }

  override isInline(): boolean {
    return true;
  }

  override getTextContent(): string {
    return imagePlaceholderText(this.__altText);
  }

  override decorate(): ReactNode {
    return <span title="Image from the original article (not loaded)">{imagePlaceholderText(this.__altText)}</span>;
  }
}
