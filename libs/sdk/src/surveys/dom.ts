/**
 * The few DOM features the survey dialog uses, typed here rather than through the DOM library (as the browser
 * globals are) so that the repository's Node-only type check covers this code.
 */
export interface DomEvent {
  key?: string;
  preventDefault(): void;
}

export interface DomElement {
  textContent: string | null;
  className: string;
  id: string;
  /** A textarea's or a button's text value. */
  value: string;
  disabled: boolean;
  setAttribute(name: string, value: string): void;
  appendChild<T extends DomElement>(child: T): T;
  addEventListener(type: string, listener: (event: DomEvent) => void): void;
  focus(): void;
  remove(): void;
}

export interface DomDocument {
  createElement(tag: string): DomElement;
  getElementById(id: string): DomElement | null;
  body: DomElement;
  head: DomElement;
  activeElement: DomElement | null;
}
