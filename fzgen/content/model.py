"""The content format as pydantic models: what a coordinator may write. No I/O."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainValidator,
    Tag,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from fzgen.content.accessibility import Accessibility
from fzgen.content.colours import Accent
from fzgen.content.contact_fields import (
    check_base_url,
    check_email,
    check_file_reference,
    check_logo,
    check_phone,
    check_photo,
    check_postal_code,
    check_url,
)
from fzgen.content.easy import EASY, EasyCheckField
from fzgen.content.fields import (
    CostField,
    MonthlyRule,
    Stripped,
    Text,
    TextField,
    TimeRange,
    Weekday,
    YesNo,
    as_list,
    as_word_list,
    check_language_code,
    check_slug,
    check_spoken_language,
    fail,
)
from fzgen.content.schedules import (
    DEFAULT_LAND,
    Cancellation,
    Change,
    Closure,
    OfferStatus,
    PublicHolidays,
    ScheduleEntry,
    check_single_dates,
)
from fzgen.content.words import similar_code, vocabulary_code


class Category(StrEnum):
    """What kind of offer it is (closed vocabulary, labelled in every catalogue)."""

    MEETING = "meeting"
    BABY = "baby"
    COUNSELLING = "counselling"
    INTEGRATION = "integration"
    HEALTH = "health"
    LEARNING = "learning"
    LEISURE = "leisure"


class Audience(StrEnum):
    """Who an offer is for."""

    EXPECTING = "expecting"
    PARENTS = "parents"
    BABIES = "babies"
    TODDLERS = "toddlers"
    CHILDREN = "children"
    TEENS = "teens"
    FAMILIES = "families"
    GRANDPARENTS = "grandparents"


class PartnerKind(StrEnum):
    """What kind of institution a partner of the network is."""

    KITA = "kita"
    SCHOOL = "school"
    COUNSELLING = "counselling"
    OTHER = "other"


def _vocabulary(enum: type[StrEnum], vocabulary: str) -> Any:
    """A validator for one word of a closed vocabulary, written as its code or as the
    German word families read for it (`Treffpunkt` is `meeting`); suggests the closest."""
    words = [member.value for member in enum]

    def parse(value: Any) -> StrEnum:
        code = vocabulary_code(vocabulary, value) if isinstance(value, str) else None
        if code is not None:
            return enum(code)
        close = similar_code(vocabulary, value) if isinstance(value, str) else None
        raise fail("vocabulary", value=value, allowed=", ".join(words), suggestion=close or "")

    return parse


def _words(enum: type[StrEnum]) -> WithJsonSchema:
    return WithJsonSchema({"enum": [member.value for member in enum]})


CategoryField = Annotated[
    Category, PlainValidator(_vocabulary(Category, "category")), _words(Category)
]
AudienceField = Annotated[
    Audience, PlainValidator(_vocabulary(Audience, "audience")), _words(Audience)
]
StatusField = Annotated[
    OfferStatus, PlainValidator(_vocabulary(OfferStatus, "status")), _words(OfferStatus)
]
PartnerKindField = Annotated[
    PartnerKind, PlainValidator(_vocabulary(PartnerKind, "partner_kind")), _words(PartnerKind)
]
Slug = Annotated[str, Stripped, AfterValidator(check_slug)]
LanguageCode = Annotated[str, Stripped, AfterValidator(check_language_code)]
SpokenLanguage = Annotated[str, Stripped, AfterValidator(check_spoken_language)]
Email = Annotated[str, AfterValidator(check_email)]
Phone = Annotated[str, AfterValidator(check_phone)]
PostalCode = Annotated[str, AfterValidator(check_postal_code)]
Url = Annotated[str, AfterValidator(check_url)]
BaseUrl = Annotated[str, AfterValidator(check_base_url)]
FileReference = Annotated[str, AfterValidator(check_file_reference)]
Name = Annotated[str, Stripped, Field(min_length=1)]


def _unique(values: list[Any]) -> list[Any]:
    """Drop repeated entries, keeping the first (a repeated category means nothing)."""
    return list(dict.fromkeys(values))


class Model(BaseModel):
    """Shared settings: immutable, unknown fields are errors, texts are strings."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        arbitrary_types_allowed=True,
        populate_by_name=True,
        str_strip_whitespace=False,
    )


class Address(Model):
    """A postal address in Germany."""

    name: Name | None = None
    street: Name
    postal_code: PostalCode
    city: Name


class Person(Model):
    """Who to contact about an offer (falls back to the coordinator)."""

    name: Name | None = None
    email: Email | None = None
    phone: Phone | None = None

    @model_validator(mode="after")
    def _reachable(self) -> Person:
        if self.email is None and self.phone is None:
            raise fail("contact_unreachable")
        return self


class Coordinator(Model):
    """The Koordinationskraft: the contact person for the Sozialraum."""

    name: Name
    role: TextField | None = None
    email: Email
    phone: Phone | None = None
    office_hours: TextField | None = None
    address: Address | None = None


class Partner(Model):
    """A member institution of the network (Verbund)."""

    id: Slug
    name: TextField
    kind: PartnerKindField
    address: Address
    url: Url | None = None
    phone: Phone | None = None
    description: TextField | None = None


class Legal(Model):
    """The data of the Impressum and the privacy notice."""

    publisher: Name
    address: Address
    represented_by: TextField
    email: Email
    phone: Phone | None = None
    register_entry: Name | None = Field(None, alias="register")
    responsible_for_content: Name | None = None
    privacy_contact: Name | None = None


class Photo(Model):
    """A photo for the home page: a picture under `files/` and what it shows."""

    file: Annotated[str, AfterValidator(check_photo)]
    alt: TextField

    @model_validator(mode="before")
    @classmethod
    def _described(cls, value: Any) -> Any:
        # `photo: files/haus.jpg` alone is the file; its description is asked for.
        if isinstance(value, str):
            value = {"file": value}
        if isinstance(value, dict) and "file" in value and "alt" not in value:
            raise fail("photo_alt_missing")
        return value


def _list_or_none(value: Any) -> Any:
    return [] if value is None else as_list(value)


class Site(Model):
    """One Familienzentrum: the content of `site.yaml`."""

    name: TextField
    sozialraum: TextField
    intro: TextField | None = None
    languages: Annotated[list[LanguageCode], Field(min_length=1)]
    base_url: BaseUrl | None = None
    organisation: TextField
    coordinator: Coordinator
    partners: Annotated[list[Partner], BeforeValidator(lambda v: [] if v is None else v)] = []
    legal: Legal
    #: Files under `files/` larger than this many megabytes are refused.
    max_file_mb: Annotated[int, Field(ge=1, le=1000)] = 20
    #: Days the whole centre is closed; every offer skips them.
    closures: Annotated[list[Closure], BeforeValidator(_list_or_none)] = []
    #: The Land whose public holidays offers skip; None: no holidays are skipped.
    public_holidays: PublicHolidays = DEFAULT_LAND
    #: The colour of buttons, links and marks (`#rrggbb`); None: the theme's own.
    accent: Accent = None
    #: An image under `files/` shown in the header beside the name; None: the name alone.
    logo: Annotated[str, AfterValidator(check_logo)] | None = None
    #: A photo shown on the home page in several sizes; None: no photo.
    photo: Photo | None = None
    #: Who checked the Leichte Sprache texts; None or false: they are Einfache Sprache.
    ls_checked: EasyCheckField = None
    #: The Erklärung zur Barrierefreiheit; None: no statement is published (`check` notes it).
    accessibility: Accessibility | None = None

    @field_validator("languages")
    @classmethod
    def _no_repeats(cls, languages: list[str]) -> list[str]:
        repeated = sorted({code for code in languages if languages.count(code) > 1})
        if repeated:
            raise fail("language_repeated", language=", ".join(repeated))
        if languages[0] == EASY:
            raise fail("language_easy_first")
        return languages

    def partner(self, partner_id: str) -> Partner | None:
        """The partner with this id, if any."""
        return next((p for p in self.partners if p.id == partner_id), None)


def _location_tag(value: Any) -> str | None:
    if isinstance(value, str):
        return "⟨partner⟩"
    if isinstance(value, dict):
        return "⟨address⟩"
    return None


Location = Annotated[
    Annotated[Slug, Tag("⟨partner⟩")] | Annotated[Address, Tag("⟨address⟩")],
    Discriminator(
        _location_tag,
        custom_error_type="location_type",
        custom_error_message="location_type",
    ),
]


class Registration(Model):
    """Whether and how to register for an offer."""

    required: YesNo = True
    note: TextField | None = None
    email: Email | None = None

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        # `registration: ja` is the short form of `registration: {required: ja}`.
        return {"required": value} if isinstance(value, str | bool) else value


def _word_list_or_none(value: Any) -> Any:
    return [] if value is None else as_word_list(value)


class Offer(Model):
    """One offer (Angebot): the content of `offers/<slug>.yaml`."""

    title: TextField
    summary: TextField
    description: TextField | None = None
    categories: Annotated[
        list[CategoryField],
        BeforeValidator(as_word_list),
        AfterValidator(_unique),
        Field(min_length=1),
    ]
    audience: Annotated[
        list[AudienceField],
        BeforeValidator(lambda v: [] if v is None else as_word_list(v)),
        AfterValidator(_unique),
    ] = []
    languages: Annotated[
        list[SpokenLanguage],
        BeforeValidator(lambda v: [] if v is None else as_word_list(v)),
        AfterValidator(_unique),
    ] = []
    interpreter: YesNo = False
    schedule: Annotated[list[ScheduleEntry], BeforeValidator(as_list), Field(min_length=1)]
    location: Location | None = None
    room: TextField | None = None
    cost: CostField = None
    registration: Registration | None = None
    childcare: YesNo | None = None
    accessible: YesNo | None = None
    contact: Person | None = None
    image: FileReference | None = None
    image_alt: TextField | None = Field(None, validate_default=True)
    draft: YesNo = False
    #: Single dates that do not take place, and dates at another time or place.
    cancelled: Annotated[list[Cancellation], BeforeValidator(_word_list_or_none)] = []
    changed: Annotated[list[Change], BeforeValidator(_list_or_none)] = []
    status: StatusField = OfferStatus.ACTIVE
    status_note: TextField | None = None
    #: Whether it takes place on public holidays too (closures are skipped still).
    on_holidays: YesNo = False
    #: Who checked its Leichte Sprache texts; None: as the site says.
    ls_checked: EasyCheckField = None

    @model_validator(mode="after")
    def _dates_it_meets(self) -> Offer:
        check_single_dates(self.schedule, self.cancelled, self.changed)
        return self

    @field_validator("summary")
    @classmethod
    def _one_line(cls, summary: Text) -> Text:
        for language, text in summary.values.items():
            if "\n" in text.strip():
                raise fail("summary_lines", language=language)
        return summary

    @field_validator("image_alt")
    @classmethod
    def _alt_with_image(cls, alt: Text | None, info: ValidationInfo) -> Text | None:
        if alt is None and info.data.get("image") is not None:
            raise fail("image_alt_missing")
        return alt


class PageMeta(Model):
    """The front matter of a free page."""

    title: Name
    menu: int | None = None
    draft: YesNo = False
    #: Who checked the page's Leichte Sprache text (in `<slug>.ls.md`).
    ls_checked: EasyCheckField = None


__all__ = [
    "Address",
    "Audience",
    "Cancellation",
    "Category",
    "Change",
    "Closure",
    "Coordinator",
    "Legal",
    "MonthlyRule",
    "Offer",
    "OfferStatus",
    "PageMeta",
    "Partner",
    "PartnerKind",
    "Person",
    "Photo",
    "Registration",
    "ScheduleEntry",
    "Site",
    "Text",
    "TimeRange",
    "Weekday",
]
