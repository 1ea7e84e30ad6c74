"""Certificate URLs. `urlpatterns` are pages (namespace "certificates", included at the site's root);
`api_urlpatterns` are included under /api/v1/ by academy/urls.py."""

from django.urls import path

from certificates import api, views

app_name = "certificates"

urlpatterns = [
    path("certificates/", views.my_certificates, name="my-certificates"),
    path("certificates/<int:certificate_id>/pdf/", views.certificate_download, name="certificate-download"),
    path("certificates/<int:certificate_id>/credential.json", views.credential_download, name="credential-download"),
    path("certificates/verify/", views.verify_form, name="verify-form"),
    path("certificates/verify/<str:code>/", views.verify, name="verify"),
    path("certificates/issuer/", views.issuer, name="issuer"),
    path("certificates/exports/", views.exports, name="exports"),
    path("certificates/exports/<int:export_id>/", views.export_detail, name="export-detail"),
    path("certificates/exports/<int:export_id>/download/", views.export_download, name="export-download"),
]

api_urlpatterns = [
    path("certificates/verify/<str:code>/", api.CertificateVerifyApi.as_view(), name="certificate-verify"),
    path("credentials/verify/", api.CredentialVerifyApi.as_view(), name="credential-verify"),
    path("credentials/keys/", api.CredentialKeysApi.as_view(), name="credential-keys"),
    path("me/certificates/", api.MyCertificateListApi.as_view(), name="my-certificates"),
]
