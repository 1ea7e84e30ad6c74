"""Certificate pages: my certificates and downloads, public verification, the issuer's key, HR's zip exports."""

import logging
from http import HTTPStatus

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from certificates import credential, selectors, services
from certificates.ratelimit import VERIFY_PERIOD, verification_allowed

logger = logging.getLogger(__name__)


class VerifyForm(forms.Form):
    code = forms.CharField(max_length=300, label="Verification code",
                           help_text="As printed on the certificate, or the whole address under its QR code.")

    def clean_code(self):
        # A pasted verification address works as well as the bare code.
        text = self.cleaned_data["code"].strip().rstrip("/")
        return text.rsplit("/", 1)[-1] if "/certificates/verify/" in text else text


class ExportForm(forms.Form):
    organization = forms.SlugField()
    course = forms.SlugField()


@login_required
@require_GET
def my_certificates(request):
    learner = selectors.certificates_of_learner(user=request.user)
    return render(request, "certificates/my_certificates.html", {"learner": learner})


@login_required
@require_GET
def certificate_download(request, certificate_id):
    certificate = selectors.certificate_for_download(user=request.user, certificate_id=certificate_id)
    filename = f"certificate-{slugify(certificate.course_title) or 'course'}-{certificate.code}.pdf"
    return _file_response(certificate.pdf, filename, "application/pdf")


@login_required
@require_GET
def credential_download(request, certificate_id):
    certificate = selectors.certificate_of_owner(user=request.user, certificate_id=certificate_id)
    response = JsonResponse(credential.credential_for(certificate), json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="credential-{certificate.code}.json"'
    return response


@require_GET
def verify_form(request):
    form = VerifyForm(request.GET or None)
    if form.is_valid():
        return redirect("certificates:verify", code=form.cleaned_data["code"])
    return render(request, "certificates/verify_form.html", {"form": form})


@require_GET
def verify(request, code):
    if not verification_allowed(request):
        response = render(request, "certificates/rate_limited.html", status=HTTPStatus.TOO_MANY_REQUESTS)
        response["Retry-After"] = str(VERIFY_PERIOD)
        return response
    verification = selectors.certificate_verify(code)
    if verification is None:
        return render(request, "certificates/verify_unknown.html", {"form": VerifyForm()}, status=HTTPStatus.NOT_FOUND)
    return render(request, "certificates/verify.html", {"verification": verification})


@require_GET
def issuer(request):
    """The issuer profile a credential names, with the public key that verifies it (Multikey and JWK)."""
    response = JsonResponse(credential.issuer_profile(), json_dumps_params={"indent": 2})
    # Public data that browser-based verifiers on other sites must be able to read.
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=3600"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def exports(request):
    overview = selectors.hr_export_overview(user=request.user)
    if not overview:
        raise Http404("No organization.")
    if request.method == "POST":
        form = ExportForm(request.POST)
        if not form.is_valid():
            raise Http404("No such organization or course.")
        organization = selectors.hr_organization(user=request.user,
                                                 organization_slug=form.cleaned_data["organization"])
        course = selectors.course_by_slug(form.cleaned_data["course"])
        export, _ = services.certificate_export_request(user=request.user, organization=organization, course=course)
        return redirect("certificates:export-detail", export_id=export.id)
    return render(request, "certificates/exports.html", {"overview": overview})


@login_required
@require_GET
def export_detail(request, export_id):
    export = selectors.export_for_hr(user=request.user, export_id=export_id)
    return render(request, "certificates/export_detail.html", {"export": export})


@login_required
@require_GET
def export_download(request, export_id):
    export = selectors.export_for_hr(user=request.user, export_id=export_id)
    if not export.ready:
        raise Http404("Not ready.")
    filename = f"certificates-{export.organization.slug}-{export.course.slug}.zip"
    return _file_response(export.file, filename, "application/zip")


def _file_response(field_file, filename, content_type):
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError):
        # The database says the file is stored but it is not on disk: an operator's problem, not the user's.
        logger.error("Stored file missing: %s", field_file.name)
        raise Http404("No such file.") from None
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
