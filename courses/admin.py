import io
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from academy.errors import ApplicationError
from courses import services
from courses.content import ContentError
from courses.export import course_zip
from courses.markdown import MarkdownError, render_markdown
from courses.models import Course, Enrollment, Lesson, LessonProgress, Module

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_FILES = 200
MAX_IMPORT_UNPACKED_BYTES = 10 * 1024 * 1024
IMPORT_SUFFIXES = {".yaml", ".yml", ".md"}


def _renderable(text):
    try:
        render_markdown(text or "")
    except MarkdownError as exc:
        raise forms.ValidationError(str(exc), code="markdown") from None
    return text


class LessonForm(forms.ModelForm):
    def clean_body(self):
        return _renderable(self.cleaned_data.get("body"))


class CourseForm(forms.ModelForm):
    def clean_description(self):
        return _renderable(self.cleaned_data.get("description"))


class ModuleInline(admin.TabularInline):
    model = Module
    fields = ["position", "title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    extra = 0
    show_change_link = True


class LessonInline(admin.StackedInline):
    model = Lesson
    form = LessonForm
    fields = [("position", "minutes", "required"), ("title", "slug"), "source_key", "credit", "objectives", "body"]
    prepopulated_fields = {"slug": ["title"]}
    extra = 0
    show_change_link = True


class RendersMarkdownAdmin(SimpleHistoryAdmin):
    """Keeps the rendered HTML in step with the Markdown whenever an admin form saves."""

    def save_model(self, request, obj, form, change):
        _render(obj)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            _render(obj)
            obj.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


def _render(obj):
    if isinstance(obj, Lesson):
        obj.set_body(obj.body)
    elif isinstance(obj, Course):
        obj.set_description(obj.description)


class CourseImportForm(forms.Form):
    archive = forms.FileField(help_text="A .zip of a course folder as `export` writes it (course.yaml inside), "
                                        "at most 2 MB.")

    def clean_archive(self):
        upload = self.cleaned_data["archive"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(f"The file is {upload.size // 1024} KB; the limit is 2 MB.")
        try:
            zipfile.ZipFile(upload).close()
        except (zipfile.BadZipFile, EOFError, ValueError):
            raise forms.ValidationError(
                "That is not a zip file. Export a course to get one in the right shape.") from None
        upload.seek(0)
        return upload


def unpack_course(upload, into):
    """Extract a course zip safely under `into`; returns the folder that holds course.yaml.

    Refuses paths that leave the folder, files of other kinds, too many files and too much unpacked data,
    so a crafted archive can neither write elsewhere nor fill the disk."""
    with zipfile.ZipFile(upload) as archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MAX_IMPORT_FILES:
            raise ApplicationError(f"The zip holds {len(members)} files; a course has at most {MAX_IMPORT_FILES}.")
        if sum(m.file_size for m in members) > MAX_IMPORT_UNPACKED_BYTES:
            raise ApplicationError("The zip unpacks to more than 10 MB; a course's text is far smaller.")
        for member in members:
            name = PurePosixPath(member.filename)
            if name.is_absolute() or ".." in name.parts:
                raise ApplicationError(f"The zip holds a path outside its folder: {member.filename}")
            if name.suffix.lower() not in IMPORT_SUFFIXES:
                raise ApplicationError(f"The zip holds {member.filename}; a course has only .yaml and .md files.")
            target = Path(into, *name.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(_read_member(archive, member))
    manifests = sorted(Path(into).rglob("course.yaml"), key=lambda p: len(p.parts))
    if not manifests:
        raise ApplicationError("The zip has no course.yaml. Export a course to see the expected layout.")
    return manifests[0].parent


def _read_member(archive, member):
    # The directory at the zip's end can be intact while a file's data is not (a truncated or edited
    # upload); zipfile then fails on reading, which must be a refusal rather than a crash.
    try:
        return archive.read(member)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise ApplicationError(f"The zip is damaged ({member.filename} cannot be read: {exc}). "
                               "Export the course again to get a sound one.") from None


@admin.register(Course)
class CourseAdmin(RendersMarkdownAdmin):
    form = CourseForm
    list_display = ["title", "slug", "version", "published", "module_count"]
    list_filter = ["published"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    # Publishing goes through its checks (the actions and buttons below), never a bare checkbox.
    readonly_fields = ["published", "previous_version"]
    inlines = [ModuleInline]
    actions = ["publish", "unpublish", "duplicate", "export"]
    change_form_template = "admin/courses/course/change_form.html"
    change_list_template = "admin/courses/course/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(module_count=Count("modules"))

    @admin.display(ordering="module_count", description="Modules")
    def module_count(self, obj):
        return obj.module_count

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="courses_course_import"),
        ] + super().get_urls()

    @admin.action(description="Publish (after checking every quiz and exercise)", permissions=["change"])
    def publish(self, request, queryset):
        for course in queryset:
            self._publish_one(request, course)

    def _publish_one(self, request, course):
        try:
            warnings = services.course_publish(course=course)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return
        messages.success(request, f"“{course.title}” is published.")
        for warning in warnings:
            messages.warning(request, warning)

    @admin.action(description="Unpublish (enrolled learners can still finish)", permissions=["change"])
    def unpublish(self, request, queryset):
        for course in queryset:
            services.course_unpublish(course=course)
        messages.success(request, f"{queryset.count()} course(s) taken out of the catalog.")

    @admin.action(description="Duplicate as a new draft version", permissions=["add"])
    def duplicate(self, request, queryset):
        for course in queryset:
            copy = services.course_duplicate(course=course)
            messages.success(request, format_html('Made <a href="{}">{}</a> (version {}, unpublished).',
                                                  reverse("admin:courses_course_change", args=[copy.id]),
                                                  copy.slug, copy.version))

    @admin.action(description="Export as a zip of content files", permissions=["view"])
    def export(self, request, queryset):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as outer:
            for course in queryset:
                inner = io.BytesIO()
                course_zip(course, inner)
                with zipfile.ZipFile(inner) as archive:
                    for name in archive.namelist():
                        outer.writestr(name, archive.read(name))
        name = queryset.first().slug if queryset.count() == 1 else "courses"
        response = HttpResponse(buffer.getvalue(), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{name}.zip"'
        return response

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The publish buttons act on the saved course, before (and instead of) the form's own save.
        if request.method == "POST" and object_id and {"_publish", "_unpublish"} & set(request.POST):
            course = get_object_or_404(Course, id=object_id)
            if not self.has_change_permission(request, course):
                return redirect("admin:index")
            if "_publish" in request.POST:
                self._publish_one(request, course)
            else:
                services.course_unpublish(course=course)
                messages.success(request, f"“{course.title}” is out of the catalog; enrolled learners can finish it.")
            return redirect(request.path)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def import_view(self, request):
        if not self.has_add_permission(request) or not self.has_change_permission(request):
            return redirect("admin:courses_course_changelist")
        form = CourseImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                with tempfile.TemporaryDirectory() as folder:
                    report = services.course_import(folder=unpack_course(form.cleaned_data["archive"], folder))
            except (ApplicationError, ContentError) as exc:
                problem = str(exc) if isinstance(exc, ContentError) else exc.message
                # The message names files as they are in the zip, not where it was unpacked.
                messages.error(request, f"Nothing was imported. {problem}".replace(f"{folder}/", ""))
            else:
                messages.success(request, f"Imported: {report.summary()}.")
                return redirect("admin:courses_course_change", report.course.id)
        context = {**self.admin_site.each_context(request), "form": form, "opts": self.model._meta,
                   "title": "Import a course"}
        return render(request, "admin/courses/course/import.html", context)


@admin.register(Module)
class ModuleAdmin(RendersMarkdownAdmin):
    list_display = ["title", "course", "position"]
    list_filter = ["course"]
    list_select_related = ["course"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [LessonInline]


@admin.register(Lesson)
class LessonAdmin(RendersMarkdownAdmin):
    form = LessonForm
    list_display = ["title", "module", "position", "minutes", "required", "source_key"]
    readonly_fields = ["preview_link"]
    change_form_template = "admin/courses/lesson/change_form.html"

    def get_urls(self):
        return [
            path("<int:lesson_id>/preview/", self.admin_site.admin_view(self.preview_view),
                 name="courses_lesson_preview"),
        ] + super().get_urls()

    @admin.display(description="Preview")
    def preview_link(self, obj):
        if obj.pk is None:
            return "Save the lesson to preview it."
        return format_html('<a href="{}" target="_blank">See it as a learner will</a>',
                           reverse("admin:courses_lesson_preview", args=[obj.pk]))

    def preview_view(self, request, lesson_id):
        """The lesson as the learner sees it; a POST previews unsaved text from the edit form."""
        lesson = get_object_or_404(Lesson.objects.select_related("module__course"), id=lesson_id)
        if not self.has_view_or_change_permission(request, lesson):
            return redirect("admin:index")
        if request.method == "POST":
            lesson.title = request.POST.get("title", lesson.title)[:200]
            lesson.objectives = request.POST.get("objectives", lesson.objectives)
            try:
                lesson.body_html = render_markdown(request.POST.get("body", lesson.body)[:100_000])
            except MarkdownError as exc:
                lesson.body_html = format_html("<p>{}</p>", exc)
        return render(request, "admin/courses/lesson/preview.html", {"lesson": lesson, "course": lesson.module.course})

    list_editable = ["position", "required"]
    list_filter = ["module__course", "required", "source_key"]
    list_select_related = ["module__course"]
    search_fields = ["title", "slug", "body"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["user", "course", "enrolled_at", "last_activity_at", "completed_at"]
    list_filter = ["course"]
    list_select_related = ["user", "course"]
    search_fields = ["user__username", "user__email"]
    raw_id_fields = ["user", "last_lesson"]


@admin.register(LessonProgress)
class LessonProgressAdmin(admin.ModelAdmin):
    list_display = ["enrollment", "lesson", "completed_at"]
    list_select_related = ["enrollment__user", "enrollment__course", "lesson"]
    raw_id_fields = ["enrollment", "lesson"]
