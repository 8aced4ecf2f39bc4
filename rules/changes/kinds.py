"""Every kind of change the comparison reports, with its title and message in both languages.

A kind names what changed, not whether it breaks: the same kind (``max-length-changed``) is
breaking when it narrows what a request may send and compatible when it narrows what a response
may hold. The comparison decides the severity of each occurrence; ``breaking`` here lists the
kinds that can be breaking at all (the reports and the benchmark use it).
"""

from __future__ import annotations

from dataclasses import dataclass

from rules.i18n import Text


@dataclass(frozen=True, slots=True)
class Kind:
    id: str
    title: Text
    message: Text
    #: Can this kind of change be breaking at all (in some direction)?
    can_break: bool = True


def _k(id: str, title: tuple[str, str], message: tuple[str, str], can_break: bool = True) -> Kind:
    return Kind(id, Text(*title), Text(*message), can_break)


_KINDS = (
    # The API as a whole.
    _k(
        "base-path-changed",
        ("URL dasar berubah", "Base path changed"),
        ("URL dasar berubah dari {old} menjadi {new}", "Base path changed from {old} to {new}"),
    ),
    _k(
        "security-changed",
        ("Persyaratan keamanan diperketat", "Security requirements tightened"),
        ("{subject}: persyaratan keamanan {old} menjadi {new}", "{subject}: security requirements {old} became {new}"),
    ),
    _k(
        "security-relaxed",
        ("Persyaratan keamanan dilonggarkan", "Security requirements relaxed"),
        ("{subject}: persyaratan keamanan {old} menjadi {new}", "{subject}: security requirements {old} became {new}"),
        False,
    ),
    _k(
        "security-scheme-changed",
        ("Skema keamanan berubah", "Security scheme changed"),
        ("Skema keamanan {subject}: {old} menjadi {new}", "Security scheme {subject}: {old} became {new}"),
    ),
    _k(
        "api-version-changed",
        ("Versi API berubah", "API version changed"),
        ("info.version {old} menjadi {new}", "info.version {old} became {new}"),
        False,
    ),
    # Paths and operations.
    _k("path-removed", ("Path dihapus", "Path removed"), ("Path {subject} dihapus", "Path {subject} was removed")),
    _k(
        "path-added",
        ("Path ditambahkan", "Path added"),
        ("Path {subject} ditambahkan", "Path {subject} was added"),
        False,
    ),
    _k(
        "operation-removed",
        ("Operasi dihapus", "Operation removed"),
        ("Operasi {subject} dihapus", "Operation {subject} was removed"),
    ),
    _k(
        "operation-added",
        ("Operasi ditambahkan", "Operation added"),
        ("Operasi {subject} ditambahkan", "Operation {subject} was added"),
        False,
    ),
    _k(
        "operation-deprecated",
        ("Operasi dinyatakan usang", "Operation deprecated"),
        (
            "Operasi {subject} dinyatakan usang (x-sunset: {new})",
            "Operation {subject} was deprecated (x-sunset: {new})",
        ),
        False,
    ),
    _k(
        "operation-reinstated",
        ("Operasi tidak lagi usang", "Operation no longer deprecated"),
        ("Operasi {subject} tidak lagi dinyatakan usang", "Operation {subject} is no longer deprecated"),
        False,
    ),
    _k(
        "sunset-changed",
        ("Tanggal sunset berubah", "Sunset date changed"),
        ("{subject}: x-sunset {old} menjadi {new}", "{subject}: x-sunset {old} became {new}"),
        False,
    ),
    _k(
        "operation-id-changed",
        ("operationId berubah", "operationId changed"),
        ("{subject}: operationId {old} menjadi {new}", "{subject}: operationId {old} became {new}"),
        False,
    ),
    # Parameters.
    _k(
        "parameter-removed",
        ("Parameter dihapus", "Parameter removed"),
        ("{subject}: parameter {old} dihapus", "{subject}: parameter {old} was removed"),
    ),
    _k(
        "parameter-added",
        ("Parameter opsional ditambahkan", "Optional parameter added"),
        ("{subject}: parameter opsional {new} ditambahkan", "{subject}: optional parameter {new} was added"),
        False,
    ),
    _k(
        "required-parameter-added",
        ("Parameter wajib ditambahkan", "Required parameter added"),
        ("{subject}: parameter wajib {new} ditambahkan", "{subject}: required parameter {new} was added"),
    ),
    _k(
        "parameter-became-required",
        ("Parameter menjadi wajib", "Parameter became required"),
        ("{subject}: parameter {new} menjadi wajib", "{subject}: parameter {new} became required"),
    ),
    _k(
        "parameter-became-optional",
        ("Parameter menjadi opsional", "Parameter became optional"),
        ("{subject}: parameter {new} menjadi opsional", "{subject}: parameter {new} became optional"),
        False,
    ),
    _k(
        "parameter-deprecated",
        ("Parameter dinyatakan usang", "Parameter deprecated"),
        (
            "{subject}: parameter {old} dinyatakan usang (x-sunset: {new})",
            "{subject}: parameter {old} was deprecated (x-sunset: {new})",
        ),
        False,
    ),
    _k(
        "parameter-serialization-changed",
        ("Serialisasi parameter berubah", "Parameter serialisation changed"),
        ("{subject}: style/explode {old} menjadi {new}", "{subject}: style/explode {old} became {new}"),
    ),
    # Request bodies and media types.
    _k(
        "request-body-removed",
        ("Badan permintaan dihapus", "Request body removed"),
        ("{subject}: badan permintaan dihapus", "{subject}: the request body was removed"),
    ),
    _k(
        "request-body-added",
        ("Badan permintaan opsional ditambahkan", "Optional request body added"),
        ("{subject}: badan permintaan opsional ditambahkan", "{subject}: an optional request body was added"),
        False,
    ),
    _k(
        "required-request-body-added",
        ("Badan permintaan wajib ditambahkan", "Required request body added"),
        ("{subject}: badan permintaan wajib ditambahkan", "{subject}: a required request body was added"),
    ),
    _k(
        "request-body-became-required",
        ("Badan permintaan menjadi wajib", "Request body became required"),
        ("{subject}: badan permintaan menjadi wajib", "{subject}: the request body became required"),
    ),
    _k(
        "request-body-became-optional",
        ("Badan permintaan menjadi opsional", "Request body became optional"),
        ("{subject}: badan permintaan menjadi opsional", "{subject}: the request body became optional"),
        False,
    ),
    _k(
        "media-type-removed",
        ("Jenis media dihapus", "Media type removed"),
        ("{subject}: jenis media {old} dihapus", "{subject}: media type {old} was removed"),
    ),
    _k(
        "media-type-added",
        ("Jenis media ditambahkan", "Media type added"),
        ("{subject}: jenis media {new} ditambahkan", "{subject}: media type {new} was added"),
        False,
    ),
    # Responses.
    _k(
        "response-status-removed",
        ("Kode status respons dihapus", "Response status removed"),
        ("{subject}: respons {old} dihapus", "{subject}: response {old} was removed"),
    ),
    _k(
        "response-status-added",
        ("Kode status respons ditambahkan", "Response status added"),
        ("{subject}: respons {new} ditambahkan", "{subject}: response {new} was added"),
        False,
    ),
    _k(
        "response-header-removed",
        ("Header respons dihapus", "Response header removed"),
        ("{subject}: header {old} dihapus", "{subject}: header {old} was removed"),
    ),
    _k(
        "response-header-added",
        ("Header respons ditambahkan", "Response header added"),
        ("{subject}: header {new} ditambahkan", "{subject}: header {new} was added"),
        False,
    ),
    # Schemas: properties.
    _k(
        "property-removed",
        ("Properti dihapus", "Property removed"),
        ("{subject}: properti {old} dihapus", "{subject}: property {old} was removed"),
    ),
    _k(
        "property-added",
        ("Properti opsional ditambahkan", "Optional property added"),
        ("{subject}: properti {new} ditambahkan", "{subject}: property {new} was added"),
        False,
    ),
    _k(
        "required-property-added",
        ("Properti wajib ditambahkan", "Required property added"),
        ("{subject}: properti wajib {new} ditambahkan", "{subject}: required property {new} was added"),
    ),
    _k(
        "property-became-required",
        ("Properti menjadi wajib", "Property became required"),
        ("{subject}: properti {new} menjadi wajib", "{subject}: property {new} became required"),
    ),
    _k(
        "property-became-optional",
        ("Properti menjadi opsional", "Property became optional"),
        ("{subject}: properti {new} menjadi opsional", "{subject}: property {new} became optional"),
    ),
    _k(
        "property-deprecated",
        ("Properti dinyatakan usang", "Property deprecated"),
        (
            "{subject}: properti {old} dinyatakan usang (x-sunset: {new})",
            "{subject}: property {old} was deprecated (x-sunset: {new})",
        ),
        False,
    ),
    _k(
        "additional-properties-changed",
        ("additionalProperties berubah", "additionalProperties changed"),
        ("{subject}: additionalProperties {old} menjadi {new}", "{subject}: additionalProperties {old} became {new}"),
    ),
    # Schemas: values.
    _k(
        "type-changed",
        ("Tipe berubah", "Type changed"),
        ("{subject}: tipe {old} menjadi {new}", "{subject}: type {old} became {new}"),
    ),
    _k(
        "nullable-changed",
        ("Nilai null diizinkan/dilarang", "Null allowed or disallowed"),
        ("{subject}: null {old} menjadi {new}", "{subject}: null {old} became {new}"),
    ),
    _k(
        "format-changed",
        ("Format berubah", "Format changed"),
        ("{subject}: format {old} menjadi {new}", "{subject}: format {old} became {new}"),
    ),
    _k(
        "pattern-changed",
        ("Pola berubah", "Pattern changed"),
        ("{subject}: pattern {old} menjadi {new}", "{subject}: pattern {old} became {new}"),
    ),
    _k(
        "enum-value-removed",
        ("Nilai enum dihapus", "Enum value removed"),
        ("{subject}: nilai enum {old} dihapus", "{subject}: enum value(s) {old} removed"),
    ),
    _k(
        "enum-value-added",
        ("Nilai enum ditambahkan", "Enum value added"),
        ("{subject}: nilai enum {new} ditambahkan", "{subject}: enum value(s) {new} added"),
    ),
    _k(
        "enum-added",
        ("Nilai dibatasi ke enum", "Values restricted to an enum"),
        ("{subject}: nilai dibatasi ke {new}", "{subject}: values restricted to {new}"),
    ),
    _k(
        "enum-removed",
        ("Batasan enum dihapus", "Enum restriction removed"),
        ("{subject}: batasan enum {old} dihapus", "{subject}: enum restriction {old} removed"),
    ),
    _k(
        "default-changed",
        ("Nilai default berubah", "Default value changed"),
        ("{subject}: default {old} menjadi {new}", "{subject}: default {old} became {new}"),
    ),
    _k(
        "max-length-changed",
        ("maxLength berubah", "maxLength changed"),
        ("{subject}: maxLength {old} menjadi {new}", "{subject}: maxLength {old} became {new}"),
    ),
    _k(
        "min-length-changed",
        ("minLength berubah", "minLength changed"),
        ("{subject}: minLength {old} menjadi {new}", "{subject}: minLength {old} became {new}"),
    ),
    _k(
        "maximum-changed",
        ("Batas atas berubah", "Maximum changed"),
        ("{subject}: maximum {old} menjadi {new}", "{subject}: maximum {old} became {new}"),
    ),
    _k(
        "minimum-changed",
        ("Batas bawah berubah", "Minimum changed"),
        ("{subject}: minimum {old} menjadi {new}", "{subject}: minimum {old} became {new}"),
    ),
    _k(
        "max-items-changed",
        ("maxItems berubah", "maxItems changed"),
        ("{subject}: maxItems {old} menjadi {new}", "{subject}: maxItems {old} became {new}"),
    ),
    _k(
        "min-items-changed",
        ("minItems berubah", "minItems changed"),
        ("{subject}: minItems {old} menjadi {new}", "{subject}: minItems {old} became {new}"),
    ),
    _k(
        "max-properties-changed",
        ("maxProperties berubah", "maxProperties changed"),
        ("{subject}: maxProperties {old} menjadi {new}", "{subject}: maxProperties {old} became {new}"),
    ),
    _k(
        "min-properties-changed",
        ("minProperties berubah", "minProperties changed"),
        ("{subject}: minProperties {old} menjadi {new}", "{subject}: minProperties {old} became {new}"),
    ),
    _k(
        "multiple-of-changed",
        ("multipleOf berubah", "multipleOf changed"),
        ("{subject}: multipleOf {old} menjadi {new}", "{subject}: multipleOf {old} became {new}"),
    ),
    _k(
        "unique-items-changed",
        ("uniqueItems berubah", "uniqueItems changed"),
        ("{subject}: uniqueItems {old} menjadi {new}", "{subject}: uniqueItems {old} became {new}"),
    ),
    _k(
        "variant-removed",
        ("Varian anyOf/oneOf dihapus", "anyOf/oneOf variant removed"),
        ("{subject}: varian {old} dihapus", "{subject}: variant {old} was removed"),
    ),
    _k(
        "variant-added",
        ("Varian anyOf/oneOf ditambahkan", "anyOf/oneOf variant added"),
        ("{subject}: varian {new} ditambahkan", "{subject}: variant {new} was added"),
    ),
)

KINDS: dict[str, Kind] = {kind.id: kind for kind in _KINDS}
