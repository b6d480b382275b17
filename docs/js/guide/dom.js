// Small helpers every part of the guide page uses, and the page's words (UI): set once from the
// page's data (#veiviser-data, made by the build in the page's written form) before anything shows.
export const UI = {};

// An element with attributes ("text" sets its text, never markup) and children.
export function el(tag, attrs, children) {
  const node = document.createElement(tag);
  Object.keys(attrs || {}).forEach((k) => {
    if (k === "text") node.textContent = attrs[k];
    else node.setAttribute(k, attrs[k]);
  });
  (children || []).forEach((c) => { if (c) node.appendChild(c); });
  return node;
}
