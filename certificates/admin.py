"""Certificates in the admin: read-only records, revoked with a reason through an action; course policies."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.template.response import TemplateResponse

from academy.errors import ApplicationError
from certificates import services
from certificates.models import Certificate, CertificateExport, CertificatePolicy


@admin.register(CertificatePolicy)
class CertificatePolicyAdmin(admin.ModelAdmin):
    list_display = ["course", "validity_months"]
    autocomplete_fields = ["course"]
    search_fields = ["course__title", "course__slug"]


class RevokeForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "cols": 60}), max_length=2000,
                             help_text="Kept with the certificate for the record; not shown on the public page.")


class StatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("revoked", "Revoked"), ("pending", "PDF being prepared")]

    def queryset(self, request, queryset):
        if self.value() == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        if self.value() == "pending":
            return queryset.filter(pdf_ready_at__isnull=True)
        return queryset


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["learner_name", "course_title", "course_version", "issued_at", "status_display", "pdf_ready_at"]
    list_filter = [StatusFilter, "course"]
    search_fields = ["code", "learner_name", "user__username", "user__email", "course_title"]
    list_select_related = ["course"]
    date_hierarchy = "issued_at"
    actions = ["revoke"]
    # Issued by the service only; what it copied at issue must not be edited afterwards.
    readonly_fields = ["user", "course", "cycle", "enrollment", "code", "issued_at", "learner_name", "course_title",
                       "course_version", "expires_at", "pdf", "pdf_ready_at", "revoked_at", "revoked_by",
                       "revoke_reason"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Revoke instead: a deleted certificate would verify as "unknown", hiding that it was withdrawn.
        return False

    @admin.display(description="Status")
    def status_display(self, obj):
        return obj.status.label

    @admin.action(description="Revoke selected certificates", permissions=["change"])
    def revoke(self, request, queryset):
        form = RevokeForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            revoked = 0
            for certificate in queryset:
                try:
                    services.certificate_revoke(certificate=certificate, by=request.user,
                                                reason=form.cleaned_data["reason"])
                    revoked += 1
                except ApplicationError as error:
                    self.message_user(request, f"{certificate}: {error.message}", messages.WARNING)
            self.message_user(request, f"Revoked {revoked} certificate{'s' if revoked != 1 else ''}.",
                              messages.SUCCESS)
            return None
        return TemplateResponse(request, "admin/certificates/certificate/revoke.html", {
            **self.admin_site.each_context(request),
            "title": "Revoke certificates",
            "opts": self.model._meta,
            "certificates": queryset,
            "form": form,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        })


@admin.register(CertificateExport)
class CertificateExportAdmin(admin.ModelAdmin):
    list_display = ["course", "organization", "requested_by", "requested_at", "ready_at", "certificate_count"]
    list_select_related = ["course", "organization", "requested_by"]
    readonly_fields = ["organization", "course", "requested_by", "requested_at", "file", "ready_at",
                       "certificate_count"]

    def has_add_permission(self, request):
        return False
