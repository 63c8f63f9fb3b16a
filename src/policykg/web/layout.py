"""The pages' frame: one request object, jinja2 templates with autoescaping, both languages, a strict CSP.

Every page of the workbench is a jinja2 template under ``web/templates/`` that extends ``base.html``
(navigation, search box, language switch). Pages carry no inline script or style: the Content Security
Policy below allows only files from ``/static/``, and nothing leaves the machine (no CDN, no font
service). Charts are inline SVG drawn with presentation attributes (``fill``, ``stroke``), which the
policy allows, and classes styled by ``static/workbench.css``.
"""

import json
import re
from dataclasses import dataclass, field
from importlib import resources
from urllib.parse import urlencode

import jinja2

from ..entities import expand
from ..workers import Answer
from .workbench import Workbench, entity_path

HTML = "text/html; charset=utf-8"
#: The policy of every workbench page: only this server's own scripts, styles and requests.
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
LANGUAGES = ("zh", "en")
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".svg": "image/svg+xml", ".png": "image/png"}


@dataclass
class PageRequest:
    """One request to a page: its path, the query-string parameters, the words matched in the path, the language."""

    workbench: Workbench
    path: str
    params: dict[str, list[str]] = field(default_factory=dict)
    match: dict[str, str] = field(default_factory=dict)
    lang: str = "zh"

    @property
    def wants_json(self) -> bool:
        """True when the path asks for the page's JSON twin (it ends in ``.json``, matched as ``(?P<json>\\.json)?``)."""
        return bool(self.match.get("json"))

    def param(self, name: str, default: str = "") -> str:
        """The first value of query-string parameter ``name``, or ``default``."""
        values = self.params.get(name)
        return values[0] if values else default

    def t(self, zh: str, en: str) -> str:
        """``zh`` or ``en``, in the request's language."""
        return en if self.lang == "en" else zh

    def url(self, path: str, **params: str) -> str:
        """``path`` with ``params`` (empty ones dropped) and the request's language kept when it is not zh."""
        if self.lang != "zh":
            params = {**params, "lang": self.lang}
        query = urlencode({k: v for k, v in params.items() if v not in ("", None)})
        return f"{path}?{query}" if query else path


def request_language(params: dict[str, list[str]], accept_language: str) -> str:
    """``?lang=en|zh`` when given, else the first of zh and en in ``Accept-Language``, else zh."""
    asked = (params.get("lang") or [""])[0]
    if asked in LANGUAGES:
        return asked
    for part in accept_language.lower().split(","):
        code = part.split(";")[0].strip()[:2]
        if code in LANGUAGES:
            return code
    return "zh"


_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("policykg.web", "templates"),
    autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
)


def query_with(params: dict[str, list[str]], **changes: str) -> str:
    """The query string of ``params`` with ``changes`` set (the language switch keeps everything else)."""
    kept = [(name, value) for name, values in params.items() if name not in changes for value in values]
    return urlencode(kept + sorted(changes.items()))


_ENVIRONMENT.filters["query_with"] = query_with
_ENVIRONMENT.filters["expand"] = expand  # a prefixed name to its IRI, in templates that hold CURIEs


def render(template: str, request: PageRequest, status: int = 200, **context) -> Answer:
    """Render ``templates/<template>`` for ``request`` as an HTML answer.

    Every template sees ``request``, ``t`` (``t("中文", "English")``), ``label(iri)`` in the request's
    language, ``link(iri)`` (the entity page of an IRI) and ``url(path, **params)``.
    """
    page = _ENVIRONMENT.get_template(template).render(
        request=request, t=request.t, url=request.url, lang=request.lang,
        label=lambda iri: request.workbench.label(iri, request.lang),
        link=lambda iri: request.url(entity_path(iri)), **context)
    return Answer(status, HTML, page.encode("utf-8"), headers=(("Content-Security-Policy", CONTENT_SECURITY_POLICY),))


def page(template: str, request: PageRequest, data: dict, status: int = 200, **context) -> Answer:
    """A page and its JSON twin (Datasette's habit): ``data`` as JSON when the path ends in ``.json``, else
    the template rendered with ``data`` and ``context`` (what only the HTML needs)."""
    if request.wants_json:
        return json_answer(data, status)
    return render(template, request, status, **data, **context)


def json_answer(data, status: int = 200) -> Answer:
    """``data`` as UTF-8 JSON (keys in the order given, so the same page gives the same bytes)."""
    body = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
    return Answer(status, "application/json; charset=utf-8", body)


def not_found(request: PageRequest, message_zh: str, message_en: str) -> Answer:
    """A 404 page in the workbench's frame (or its JSON twin), saying what was not found."""
    message = request.t(message_zh, message_en)
    return page("not_found.html", request, {"error": message}, status=404)


_STATIC_NAME = re.compile(r"[a-z0-9][a-z0-9_.-]*\.(css|js|svg|png)")


def static_file(name: str) -> Answer | None:
    """The file ``static/<name>`` of the package (a plain name, no folders), or None when there is none."""
    if not _STATIC_NAME.fullmatch(name):
        return None
    path = resources.files("policykg.web").joinpath("static", name)
    if not path.is_file():
        return None
    return Answer(200, STATIC_TYPES["." + name.rsplit(".", 1)[1]], path.read_bytes(),
                  headers=(("Cache-Control", "no-cache"),))
