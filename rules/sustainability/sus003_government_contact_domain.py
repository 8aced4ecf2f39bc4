"""SUS003: the contacts are on a government domain."""

from __future__ import annotations

from collections.abc import Iterator

from rules.base import Category, Context, Option, Rule, Severity, Violation
from rules.document import Document
from rules.i18n import Text
from rules.sustainability._common import at


class GovernmentContactDomain(Rule):
    id = "SUS003"
    name = "government-contact-domain"
    category = Category.SUSTAINABILITY
    severity = Severity.ERROR
    title = Text("Kontak di domain pemerintah", "Contacts on a government domain")
    rationale = Text(
        "Alamat Gmail atau Yahoo pergi bersama orangnya: saat pegawai atau vendor berganti, tidak ada lagi "
        "yang dapat dihubungi tentang aplikasi ini. Surel dinas (go.id) tetap milik instansi.",
        "A Gmail or Yahoo address leaves with the person: when the employee or vendor changes, nobody can "
        "be reached about the application any more. An official (go.id) address stays with the institution.",
    )
    fix = Text(
        "Pakai surel dinas atau surel jabatan, mis. `si.dinkes@contohkab.go.id`, untuk "
        "`penanggung_jawab.email` dan `info.contact.email`.",
        "Use an official or role address, e.g. `si.dinkes@contohkab.go.id`, for `penanggung_jawab.email` "
        "and `info.contact.email`.",
    )
    message = Text(
        "Surel {email} tidak di domain pemerintah ({domains})",
        "E-mail {email} is not on a government domain ({domains})",
    )
    references = ("https://peraturan.bpk.go.id/Details/96913/perpres-no-95-tahun-2018",)
    options = {
        "domains": Option(
            ["go.id", "desa.id"],
            Text("Domain yang diterima (beserta subdomainnya)", "Accepted domains (and their subdomains)"),
        )
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        domains = [str(d).lower().lstrip(".") for d in ctx.option("domains")]
        places: list[tuple[str, object]] = []
        person = (doc.x_spbe or {}).get("penanggung_jawab")
        if isinstance(person, dict):
            places.append((at("penanggung_jawab", "email"), person.get("email")))
        contact = doc.info.get("contact")
        if isinstance(contact, dict):
            places.append(("/info/contact/email", contact.get("email")))
        for pointer, email in places:
            if not isinstance(email, str) or "@" not in email:
                continue
            host = email.rsplit("@", 1)[1].strip().lower()
            if not any(host == d or host.endswith("." + d) for d in domains):
                yield self.violation(pointer, email=email, domains=", ".join(domains))
