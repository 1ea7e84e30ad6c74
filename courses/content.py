"""Read a course kept as files (see courses/content/FORMAT.md) into plain specs.

Reading touches no database: the whole folder is parsed and validated first, so
a broken file stops the import before anything is written. Every error names
the file and the field that is wrong.
"""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.utils.text import slugify

from courses.markdown import MarkdownError, render_markdown

BUILTIN_CONTENT_DIR = Path(__file__).resolve().parent / "content"
OWN_SOURCE = "ours"


class ContentError(Exception):
    def __init__(self, path, field_name, message):
        self.path = Path(path)
        self.field_name = field_name
        self.message = message
        super().__init__(f"{self.path}: {field_name}: {message}" if field_name else f"{self.path}: {message}")


@dataclass
class LessonSpec:
    slug: str
    title: str
    minutes: int
    objectives: list
    body: str
    source_key: str
    credit: str
    path: Path
    required: bool = True


@dataclass
class ModuleSpec:
    slug: str
    title: str
    summary: str
    lessons: list = field(default_factory=list)
    quiz_path: Path | None = None
    exercises_path: Path | None = None


@dataclass
class CourseSpec:
    slug: str
    title: str
    summary: str
    description: str
    version: int
    published: bool
    sources: dict
    modules: list
    final_quiz_path: Path | None = None
    final_exercises_path: Path | None = None
    root: Path | None = None


NOT_UTF8 = "is not UTF-8 text; save it as UTF-8"
TOO_DEEP = "nests too deeply to be course content"


def _markdown(path, field, text):
    """The Markdown text, once it is known to render."""
    if not isinstance(text, str):
        raise ContentError(path, field, f"must be text, not {type(text).__name__}")
    try:
        render_markdown(text)
    except MarkdownError as exc:
        raise ContentError(path, field, str(exc)) from None
    return text


def read_yaml(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except FileNotFoundError:
        raise ContentError(path, None, "file not found") from None
    except UnicodeDecodeError:
        raise ContentError(path, None, NOT_UTF8) from None
    except yaml.YAMLError as exc:
        raise ContentError(path, None, f"not valid YAML: {exc}") from None
    except RecursionError:
        raise ContentError(path, None, TOO_DEEP) from None


def require(data, key, path, kind=str, where=""):
    name = f"{where}{key}"
    if not isinstance(data, dict) or key not in data or data[key] in (None, ""):
        raise ContentError(path, name, "is required")
    value = data[key]
    if kind is int and isinstance(value, bool) or not isinstance(value, kind):
        raise ContentError(path, name, f"must be a {kind.__name__}, not {type(value).__name__}")
    return value


def require_slug(data, key, path, where=""):
    value = require(data, key, path, str, where)
    if slugify(value) != value:
        raise ContentError(path, f"{where}{key}", f"{value!r} is not a slug (lowercase letters, digits and hyphens)")
    return value


def read_course(folder):
    """Parse a course folder into a CourseSpec, or raise ContentError."""
    root = Path(folder)
    manifest = root / "course.yaml"
    data = read_yaml(manifest)
    if not isinstance(data, dict):
        raise ContentError(manifest, None, "must be a mapping of course fields")
    sources = data.get("sources") or {}
    if not isinstance(sources, dict):
        raise ContentError(manifest, "sources", "must be a mapping of source keys to title and author")
    for key, source in sources.items():
        require(source, "title", manifest, where=f"sources.{key}.")
    version = data.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ContentError(manifest, "version", "must be a whole number of at least 1")
    modules_data = require(data, "modules", manifest, list)
    modules = [_read_module(root, manifest, i, item, sources) for i, item in enumerate(modules_data)]
    check_unique([m.slug for m in modules], manifest, "modules[].slug")
    check_unique([lesson.slug for m in modules for lesson in m.lessons], manifest, "lesson slugs")
    final = data.get("final_assessment") or {}
    return CourseSpec(
        slug=require_slug(data, "slug", manifest),
        title=require(data, "title", manifest),
        summary=require(data, "summary", manifest),
        description=_markdown(manifest, "description", data.get("description") or ""),
        version=version,
        published=bool(data.get("published", False)),
        sources=sources,
        modules=modules,
        final_quiz_path=_optional_path(root, manifest, final, "quiz", "final_assessment."),
        final_exercises_path=_optional_path(root, manifest, final, "exercises", "final_assessment."),
        root=root,
    )


def _read_module(root, manifest, index, data, sources):
    where = f"modules[{index}]."
    lessons = [
        read_lesson(root / rel, sources)
        for rel in require(data, "lessons", manifest, list, where)
    ]
    return ModuleSpec(
        slug=require_slug(data, "slug", manifest, where),
        title=require(data, "title", manifest, where=where),
        summary=data.get("summary") or "",
        lessons=lessons,
        quiz_path=_optional_path(root, manifest, data, "quiz", where),
        exercises_path=_optional_path(root, manifest, data, "exercises", where),
    )


def _optional_path(root, manifest, data, key, where):
    if not data.get(key):
        return None
    path = root / data[key]
    if not path.is_file():
        raise ContentError(manifest, f"{where}{key}", f"names {data[key]}, which does not exist")
    return path


def read_lesson(path, sources):
    """Parse one lesson file: YAML front matter between '---' lines, then Markdown."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(path, None, "file not found (listed in course.yaml)") from None
    except UnicodeDecodeError:
        raise ContentError(path, None, NOT_UTF8) from None
    if not text.startswith("---\n") or "\n---\n" not in text[4:]:
        raise ContentError(path, "front matter", "the file must start with YAML front matter between '---' lines")
    head, body = text[4:].split("\n---\n", 1)
    try:
        meta = yaml.safe_load(head) or {}
    except yaml.YAMLError as exc:
        raise ContentError(path, "front matter", f"not valid YAML: {exc}") from None
    except RecursionError:
        raise ContentError(path, "front matter", TOO_DEEP) from None
    source_key = require(meta, "source", path)
    if source_key != OWN_SOURCE and source_key not in sources:
        known = ", ".join(sorted([*sources, OWN_SOURCE]))
        raise ContentError(path, "source", f"{source_key!r} is not a source in course.yaml (known: {known})")
    minutes = require(meta, "minutes", path, int)
    if minutes < 1:
        raise ContentError(path, "minutes", "must be at least 1")
    objectives = meta.get("objectives") or []
    if not isinstance(objectives, list) or not all(isinstance(o, str) for o in objectives):
        raise ContentError(path, "objectives", "must be a list of sentences")
    if not body.strip():
        raise ContentError(path, "body", "the lesson has no text after the front matter")
    return LessonSpec(
        slug=require_slug(meta, "slug", path),
        title=require(meta, "title", path),
        minutes=minutes,
        objectives=objectives,
        body=_markdown(path, "body", body.strip() + "\n"),
        source_key=source_key,
        credit=_credit(sources, source_key),
        path=Path(path),
        required=flag(meta, "required", path),
    )


def flag(data, key, path, where="", default=True):
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise ContentError(path, f"{where}{key}", "must be true or false")
    return value


def _credit(sources, key):
    if key == OWN_SOURCE:
        return "Academy's own synthesis of the course's sources"
    source = sources[key]
    author = source.get("author")
    return f"\u201c{source['title']}\u201d, {author}" if author else f"\u201c{source['title']}\u201d"


def check_unique(values, path, field_name):
    seen = set()
    for value in values:
        if value in seen:
            raise ContentError(path, field_name, f"{value!r} is used twice")
        seen.add(value)
