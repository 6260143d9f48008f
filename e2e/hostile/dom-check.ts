// What the rendered page may contain while a hostile article is open. Run in the page
// (page.evaluate(domProblems, origin)): returns a list of problems, empty when clean.
//
// In the article body only Lexical's own structure may appear: no element that loads,
// runs, embeds or submits anything, no event-handler attribute, no attribute that names a
// resource, links only to http(s)/mailto, and no style that could fetch. In the whole
// document: no event-handler attributes, no frames or plugins, no <base>, no meta refresh,
// and every URL-bearing attribute points at the app itself (or is an http(s) link).
export function domProblems(origin: string): string[] {
  const problems: string[] = [];
  const describe = (el: Element) => `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}>`;
  const FORBIDDEN_IN_BODY = new Set([
    'script', 'style', 'link', 'meta', 'base', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'img', 'image', 'picture',
    'source', 'video', 'audio', 'track', 'svg', 'math', 'form', 'input', 'button', 'select', 'textarea', 'option', 'template', 'noscript',
    'portal', 'fencedframe', 'webview', 'marquee', 'use', 'foreignobject', 'animate', 'set', 'isindex', 'keygen', 'bgsound', 'param',
    'map', 'area', 'canvas', 'dialog', 'xmp', 'plaintext', 'noembed', 'noframes', 'slot', 'title',
  ]);
  const RESOURCE_ATTRIBUTES = ['src', 'srcset', 'srcdoc', 'action', 'formaction', 'poster', 'background', 'xlink:href', 'data', 'ping', 'manifest', 'codebase', 'lowsrc', 'dynsrc', 'longdesc', 'usemap', 'popovertarget', 'form', 'is'];
  const safeLink = (value: string) => /^(https?:|mailto:)/i.test(value.trim());
  const fetchingStyle = /url\s*\(|expression\s*\(|behavior\s*:|@import|image-set|-moz-binding/i;

  const body = document.querySelector('[aria-label="Article text"]');
  if (!body) return ['the article body is not on screen'];
  for (const el of [body, ...body.querySelectorAll('*')]) {
    const tag = el.tagName.toLowerCase();
    if (FORBIDDEN_IN_BODY.has(tag)) problems.push(`article body holds ${describe(el)}`);
    if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') problems.push(`article body holds ${describe(el)} in ${el.namespaceURI}`);
    if (tag.includes('-')) problems.push(`article body holds custom element ${describe(el)}`);
    for (const attribute of el.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) problems.push(`article body ${describe(el)} has ${name}`);
      if (RESOURCE_ATTRIBUTES.includes(name)) problems.push(`article body ${describe(el)} has ${name}="${attribute.value.slice(0, 80)}"`);
      if (name === 'href' && !safeLink(attribute.value)) problems.push(`article body link to ${attribute.value.slice(0, 80)}`);
      if (name === 'style' && fetchingStyle.test(attribute.value)) problems.push(`article body ${describe(el)} style ${attribute.value.slice(0, 80)}`);
      if (name === 'rel' && /(^|\s)opener(\s|$)/i.test(attribute.value)) problems.push(`article body ${describe(el)} rel=${attribute.value}`);
      if (name === 'target' && attribute.value !== '_blank') problems.push(`article body ${describe(el)} target=${attribute.value}`);
    }
  }

  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal', 'fencedframe', 'webview', 'base'].includes(tag)) problems.push(`the page holds ${describe(el)}`);
    if (tag === 'meta' && el.hasAttribute('http-equiv')) problems.push(`the page holds <meta http-equiv="${el.getAttribute('http-equiv')}">`);
    for (const attribute of el.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on')) problems.push(`the page's ${describe(el)} has ${name}`);
      if (['src', 'href', 'action', 'formaction', 'poster', 'srcset', 'data', 'xlink:href'].includes(name)) {
        const value = attribute.value.trim();
        let url: URL | null = null;
        try {
          url = new URL(value, document.baseURI);
        } catch {
          problems.push(`the page's ${describe(el)} has an unreadable ${name}`);
          continue;
        }
        // The app's own favicon placeholder (<link rel="icon" href="data:,">) is the one data: URL it uses.
        const own = (url.origin === origin && !url.pathname.startsWith('/pwned/')) || (tag === 'link' && el.closest('head') !== null && value === 'data:,');
        const outwardLink = name === 'href' && tag === 'a' && (url.protocol === 'https:' || url.protocol === 'http:' || url.protocol === 'mailto:');
        if (!own && !outwardLink) problems.push(`the page's ${describe(el)} ${name} points at ${value.slice(0, 80)}`);
      }
    }
  }
  if (document.baseURI !== `${origin}${location.pathname}${location.search}` && !document.baseURI.startsWith(`${origin}/`)) problems.push(`the base URL is ${document.baseURI}`);
  return problems;
}
