"""IIS cannot run here, so the shipped web.config is held to what a stock IIS accepts in a
site's own web.config. A section declared in applicationHost.config with
overrideModeDefault="Deny" (or allowDefinition="AppHostOnly") may not be set there: IIS then
answers HTTP 500.19 for every request. The lists below are the system.webServer section
declarations of a stock IIS 10 applicationHost.config (Microsoft's IIS configuration reference,
<system.webServer> and its children); a section that needs an extra module (URL Rewrite,
brotli) is not stock and is refused too. The page for the IT person is checked for the
server steps that replace what web.config may not do."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from conftest import ROOT

# Stock IIS: sections a site's web.config may set (overrideModeDefault="Allow").
ALLOWED = {
    "caching", "defaultDocument", "directoryBrowse", "httpErrors", "httpProtocol", "httpRedirect",
    "applicationInitialization", "security/authorization", "security/requestFiltering",
    "staticContent", "tracing/traceFailedRequests", "urlCompression", "validation",
}
# Stock IIS: sections locked to applicationHost.config (overrideModeDefault="Deny", some also
# allowDefinition="AppHostOnly"). Setting any of them in web.config gives HTTP 500.19.
LOCKED = {
    "asp", "cgi", "fastCgi", "globalModules", "handlers", "httpCompression", "httpLogging",
    "httpTracing", "isapiFilters", "modules", "odbcLogging", "security/access",
    "security/applicationDependencies", "security/authentication/anonymousAuthentication",
    "security/authentication/basicAuthentication",
    "security/authentication/clientCertificateMappingAuthentication",
    "security/authentication/digestAuthentication",
    "security/authentication/iisClientCertificateMappingAuthentication",
    "security/authentication/windowsAuthentication", "security/ipSecurity",
    "security/dynamicIpSecurity", "security/isapiCgiRestriction", "serverRuntime",
    "serverSideInclude", "tracing/traceProviderDefinitions", "webdav/globalSettings",
    "webdav/authoring", "webdav/authoringRules", "webSocket",
}
# Section groups: their children are the sections.
GROUPS = {"security", "security/authentication", "tracing", "webdav"}


def sections(web_server: ET.Element, prefix: str = "") -> list[str]:
    """The section paths a <system.webServer> element sets, e.g. security/requestFiltering."""
    found = []
    for child in web_server:
        if not isinstance(child.tag, str):  # comments
            continue
        path = prefix + child.tag
        found += sections(child, path + "/") if path in GROUPS else [path]
    return found


def web_server_elements(root: ET.Element) -> list[ET.Element]:
    return [root.find("system.webServer"), *(loc.find("system.webServer") for loc in root.iter("location"))]


def test_the_lists_do_not_overlap_and_lock_http_compression():
    assert not ALLOWED & LOCKED and "httpCompression" in LOCKED


@pytest.mark.parametrize("config", ["deploy/web.config", "built"])
def test_web_config_sets_only_sections_a_stock_iis_delegates(config, site_dir):
    path = site_dir / "web.config" if config == "built" else ROOT / config
    root = ET.parse(path).getroot()
    used = [s for ws in web_server_elements(root) if ws is not None for s in sections(ws)]
    assert used, "web.config sets nothing"
    assert not [s for s in used if s in LOCKED], f"{path}: sections a stock IIS locks (HTTP 500.19)"
    assert not [s for s in used if s not in ALLOWED], f"{path}: sections a stock IIS does not know or delegate"


def test_the_check_catches_a_locked_section():
    bad = ET.fromstring("<configuration><system.webServer><urlCompression/><httpCompression/>"
                        "<security><authentication><anonymousAuthentication/></authentication>"
                        "</security></system.webServer></configuration>")
    used = sections(bad.find("system.webServer"))
    assert [s for s in used if s in LOCKED] == ["httpCompression", "security/authentication/anonymousAuthentication"]


@pytest.mark.parametrize("docs", ["docs", "docs-nn"])
def test_the_iis_page_has_the_server_steps(docs):
    page = (ROOT / docs / "kommune" / "iis.md").read_text(encoding="utf-8")
    # The features, the compression web.config may not set, and the check of the types.
    for needed in ("Static Content Compression", "appcmd", "-section:system.webServer/httpCompression",
                   "application/wasm", "text/javascript", ".mjs", "/commit:apphost",
                   "Content-Security-Policy", "500.19", "Add Virtual Directory"):
        assert needed in page, f"{docs}/kommune/iis.md mangler «{needed}»"
    # Every type web.config maps is named on the page, so the IT person can check it.
    root = ET.parse(ROOT / "deploy" / "web.config").getroot()
    for ext in {m.get("fileExtension") for m in root.iter("mimeMap")}:
        assert re.search(re.escape(f"`{ext}`"), page), f"{docs}/kommune/iis.md nevner ikke {ext}"
