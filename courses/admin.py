from django.contrib import admin
from django.db.models import Count

from courses.models import Course, Enrollment, Lesson, LessonProgress, Module


class ModuleInline(admin.TabularInline):
    model = Module
    fields = ["position", "title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    extra = 0
    show_change_link = True


class LessonInline(admin.StackedInline):
    model = Lesson
    fields = [("position", "minutes", "required"), ("title", "slug"), "source_key", "credit", "objectives", "body"]
    prepopulated_fields = {"slug": ["title"]}
    extra = 0
    show_change_link = True


class RendersMarkdownAdmin(admin.ModelAdmin):
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


@admin.register(Course)
class CourseAdmin(RendersMarkdownAdmin):
    list_display = ["title", "slug", "version", "published", "module_count"]
    list_filter = ["published"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ModuleInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(module_count=Count("modules"))

    @admin.display(ordering="module_count", description="Modules")
    def module_count(self, obj):
        return obj.module_count


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
    list_display = ["title", "module", "position", "minutes", "required", "source_key"]
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
