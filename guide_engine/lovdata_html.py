"""Lovdata's documents as a small tree: its data sets (consolidated laws and regulations, Norsk
Lovtidend) are HTML files, read here with the standard library's HTMLParser."""
from __future__ import annotations

from html.parser import HTMLParser

class Node:
    __slots__ = ("tag", "attrs", "children")

    def __init__(self, tag: str, attrs: dict):
        self.tag, self.attrs, self.children = tag, attrs, []

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def elements(self):
        return (c for c in self.children if isinstance(c, Node))

    def find(self, cls: str):
        """The first descendant with the class, depth first."""
        for c in self.elements():
            if cls in c.classes:
                return c
            found = c.find(cls)
            if found is not None:
                return found
        return None


class Tree(HTMLParser):
    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs))
        self.stack[-1].children.append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, dict(attrs)))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    tree = Tree()
    tree.feed(html)
    tree.close()
    return tree.root


NOT_TEXT = frozenset({"changesToParent", "footnotereference", "footnotes", "footnote", "legalArticleHeader"})


def text(node: Node) -> str:
    """The words of an element: list items on their own lines with their labels, no notes."""
    parts: list[str] = []

    def walk(n: Node) -> None:
        for c in n.children:
            if isinstance(c, str):
                parts.append(c)
            elif c.tag == "br":
                parts.append("\n")
            elif NOT_TEXT.intersection(c.classes) or c.tag in ("footer", "script", "style"):
                continue
            elif c.tag == "li":
                parts.append("\n" + (c.attrs.get("data-name") or "") + " ")
                walk(c)
            elif c.tag in ("ol", "ul", "table", "tr"):
                walk(c)
                parts.append("\n")
            else:
                walk(c)

    walk(node)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def descendants(node: Node, tag: str):
    for c in node.elements():
        if c.tag == tag:
            yield c
        yield from descendants(c, tag)
