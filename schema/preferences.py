"""GraphQL types of delivery preferences: a user's own, and their tenant's defaults."""

from __future__ import annotations

import enum

import strawberry

from schema.types import Priority
from services import preferences as service
from services.errors import BadInput


@strawberry.enum(description="How a user's non-urgent email is sent.")
class EmailDigest(enum.Enum):
    OFF = strawberry.enum_value("off", description="Each email at once (quiet hours permitting).")
    HOURLY = strawberry.enum_value(
        "hourly", description="One email an hour listing that hour's notifications (local hours); urgent ones at once."
    )
    DAILY = strawberry.enum_value(
        "daily", description="One email a day, after local midnight, listing the day's notifications; urgent at once."
    )


@strawberry.enum(description="A setting `reset` returns to the level below: the tenant's default, then the built-in.")
class PreferenceSetting(enum.Enum):
    IN_APP = strawberry.enum_value("in_app", description="In-app's switch.")
    EMAIL = strawberry.enum_value("email", description="Email's switch.")
    SMS = strawberry.enum_value("sms", description="SMS's switch.")
    IN_APP_MIN_PRIORITY = strawberry.enum_value("in_app_min_priority", description="In-app's minimum priority.")
    EMAIL_MIN_PRIORITY = strawberry.enum_value("email_min_priority", description="Email's minimum priority.")
    SMS_MIN_PRIORITY = strawberry.enum_value("sms_min_priority", description="SMS's minimum priority.")
    QUIET_HOURS = strawberry.enum_value("quiet_hours", description="The quiet hours, or their absence.")
    TIME_ZONE = strawberry.enum_value("time_zone", description="The time zone.")
    EMAIL_DIGEST = strawberry.enum_value("email_digest", description="The email digest.")


@strawberry.type(description="One delivery channel's settings.")
class ChannelPreference:
    enabled: bool = strawberry.field(
        description="Whether the user wants notifications on this channel at all (in-app: URGENT ones arrive anyway)."
    )
    min_priority: Priority = strawberry.field(
        description="The lowest priority the channel takes; lower ones are not delivered on it."
    )


@strawberry.type(description="A daily window in which email and SMS wait; in-app and URGENT notifications do not.")
class QuietHours:
    start: str = strawberry.field(description="Local time it starts, as HH:MM (included).")
    end: str = strawberry.field(
        description="Local time it ends, as HH:MM (excluded); earlier than `start` when it crosses midnight. What "
        "waited is sent then."
    )

    @classmethod
    def of(cls, hours: service.QuietHours | None) -> QuietHours | None:
        if hours is None:
            return None
        return cls(start=service.QuietHours.text(hours.start), end=service.QuietHours.text(hours.end))


@strawberry.type(description="A user's channel switches for one notification type, over the channels' own settings.")
class TypePreference:
    type: str = strawberry.field(description="The notification type they apply to.")
    in_app: bool | None = strawberry.field(
        description="In-app delivery for this type: false turns it off (URGENT ones still arrive); null inherits."
    )
    email: bool | None = strawberry.field(description="Email for this type; null inherits the channel's switch.")
    sms: bool | None = strawberry.field(description="SMS for this type; null inherits the channel's switch.")


def _channels(settings: service.TenantDefaults | service.Preferences) -> dict[str, ChannelPreference]:
    return {
        "in_app": ChannelPreference(enabled=settings.in_app, min_priority=Priority.of(settings.in_app_min_priority)),
        "email": ChannelPreference(enabled=settings.email, min_priority=Priority.of(settings.email_min_priority)),
        "sms": ChannelPreference(enabled=settings.sms, min_priority=Priority.of(settings.sms_min_priority)),
    }


@strawberry.type(
    description="How the caller is notified: their own choices, else their tenant's defaults, else the built-in ones."
)
class NotificationPreferences:
    in_app: ChannelPreference = strawberry.field(description="The inbox and live notifications. On by default.")
    email: ChannelPreference = strawberry.field(description="Email. Off by default, HIGH and above when on.")
    sms: ChannelPreference = strawberry.field(description="Text messages. Off by default, URGENT only when on.")
    type_overrides: list[TypePreference] = strawberry.field(
        description="Per-type switches over the channel settings, one per type."
    )
    quiet_hours: QuietHours | None = strawberry.field(description="When email and SMS wait; null for never.")
    time_zone: str = strawberry.field(description="The IANA time zone of quiet hours and digests (`UTC` by default).")
    email_digest: EmailDigest = strawberry.field(description="Whether non-urgent email is batched (`OFF` by default).")
    required_types: list[str] = strawberry.field(
        description="Types the tenant requires: delivered as the tenant's settings say, whatever the caller's switches."
    )

    @classmethod
    def of(cls, p: service.Preferences) -> NotificationPreferences:
        return cls(
            **_channels(p),
            type_overrides=[
                TypePreference(type=o.type, in_app=o.in_app, email=o.email, sms=o.sms) for o in p.type_overrides
            ],
            quiet_hours=QuietHours.of(p.quiet_hours),
            time_zone=p.time_zone,
            email_digest=EmailDigest(p.email_digest),
            required_types=p.required_types,
        )


@strawberry.type(description="A tenant's settings for one notification type, under its users' own choices.")
class TenantTypeDefault:
    type: str = strawberry.field(description="The notification type they apply to.")
    in_app: bool | None = strawberry.field(description="In-app for this type; null: the tenant's channel setting.")
    email: bool | None = strawberry.field(description="Email for this type; null: the tenant's channel setting.")
    sms: bool | None = strawberry.field(description="SMS for this type; null: the tenant's channel setting.")
    required: bool = strawberry.field(
        description="Users cannot switch it off: delivered on the channels these settings give, whatever theirs say."
    )


@strawberry.type(description="What applies to a tenant's users who chose nothing else; set by its admins.")
class TenantNotificationDefaults:
    in_app: ChannelPreference = strawberry.field(description="In-app delivery.")
    email: ChannelPreference = strawberry.field(description="Email.")
    sms: ChannelPreference = strawberry.field(description="Text messages.")
    quiet_hours: QuietHours | None = strawberry.field(description="When email and SMS wait; null for never.")
    time_zone: str = strawberry.field(description="The IANA time zone of users who set none.")
    email_digest: EmailDigest = strawberry.field(description="Whether non-urgent email is batched.")
    type_defaults: list[TenantTypeDefault] = strawberry.field(description="Per-type settings, one per type.")

    @classmethod
    def of(cls, d: service.TenantDefaults) -> TenantNotificationDefaults:
        return cls(
            **_channels(d),
            quiet_hours=QuietHours.of(d.quiet_hours),
            time_zone=d.time_zone,
            email_digest=EmailDigest(d.email_digest),
            type_defaults=[
                TenantTypeDefault(type=t.type, in_app=t.in_app, email=t.email, sms=t.sms, required=t.required)
                for t in d.type_defaults
            ],
        )


@strawberry.input(description="Changes to one channel; null leaves a setting as it is.")
class ChannelPreferenceInput:
    enabled: bool | None = strawberry.field(default=None, description="Switch the channel on or off.")
    min_priority: Priority | None = strawberry.field(
        default=None, description="The lowest priority the channel should take."
    )


@strawberry.input(description="Quiet hours to set, or none.")
class QuietHoursInput:
    enabled: bool = strawberry.field(description="False: none (whatever the tenant's); true: `start` to `end`.")
    start: str | None = strawberry.field(default=None, description="HH:MM, local time; needed when enabled.")
    end: str | None = strawberry.field(
        default=None, description="HH:MM, local time, other than `start`; earlier than `start` crosses midnight."
    )

    def change(self) -> service.QuietHours | bool:
        if not self.enabled:
            return False
        if self.start is None or self.end is None:
            raise BadInput("Quiet hours need `start` and `end` when enabled.")
        return service.QuietHours.parse(self.start, self.end)


@strawberry.input(description="Overrides a type's channel switches; null inherits. All null removes the override.")
class TypePreferenceInput:
    type: str = strawberry.field(description="The notification type, a lowercase slug such as `sale`.")
    in_app: bool | None = strawberry.field(
        default=None, description="In-app delivery for this type; URGENT ones are delivered whatever it says."
    )
    email: bool | None = strawberry.field(default=None, description="Email for this type.")
    sms: bool | None = strawberry.field(default=None, description="SMS for this type.")


@strawberry.input(description="Only the fields given change.")
class UpdateNotificationPreferencesInput:
    in_app: ChannelPreferenceInput | None = strawberry.field(default=None, description="Changes to in-app delivery.")
    email: ChannelPreferenceInput | None = strawberry.field(default=None, description="Changes to email.")
    sms: ChannelPreferenceInput | None = strawberry.field(default=None, description="Changes to SMS.")
    type_overrides: list[TypePreferenceInput] | None = strawberry.field(
        default=None,
        description="Per-type overrides to set (at most 100, each type once); an override with every channel null "
        "removes that type's. Switching off a type the tenant requires is refused with TYPE_REQUIRED.",
    )
    quiet_hours: QuietHoursInput | None = strawberry.field(default=None, description="New quiet hours, or none.")
    time_zone: str | None = strawberry.field(
        default=None, description="An IANA time zone such as `Europe/Paris`; others are refused."
    )
    email_digest: EmailDigest | None = strawberry.field(default=None, description="Batch non-urgent email, or not.")
    reset: list[PreferenceSetting] | None = strawberry.field(
        default=None, description="Settings to return to the tenant's default; none of them may also be changed."
    )


@strawberry.input(description="A tenant's settings for one type; all null and not required removes them.")
class TenantTypeDefaultInput:
    type: str = strawberry.field(description="The notification type, a lowercase slug such as `security`.")
    in_app: bool | None = strawberry.field(default=None, description="In-app for this type.")
    email: bool | None = strawberry.field(default=None, description="Email for this type.")
    sms: bool | None = strawberry.field(default=None, description="SMS for this type.")
    required: bool = strawberry.field(
        default=False, description="Users cannot switch this type off; their switches are ignored for it."
    )


@strawberry.input(description="Changes to a tenant's defaults; only the fields given change.")
class UpdateTenantNotificationDefaultsInput:
    in_app: ChannelPreferenceInput | None = strawberry.field(default=None, description="Changes to in-app delivery.")
    email: ChannelPreferenceInput | None = strawberry.field(default=None, description="Changes to email.")
    sms: ChannelPreferenceInput | None = strawberry.field(default=None, description="Changes to SMS.")
    type_defaults: list[TenantTypeDefaultInput] | None = strawberry.field(
        default=None, description="Per-type settings to set (at most 100, each type once)."
    )
    quiet_hours: QuietHoursInput | None = strawberry.field(default=None, description="New quiet hours, or none.")
    time_zone: str | None = strawberry.field(default=None, description="An IANA time zone such as `Europe/Paris`.")
    email_digest: EmailDigest | None = strawberry.field(default=None, description="Batch non-urgent email, or not.")
    reset: list[PreferenceSetting] | None = strawberry.field(
        default=None, description="Settings to return to the built-in default; none of them may also be changed."
    )
    tenant_id: strawberry.ID | None = strawberry.field(
        default=None, description="Defaults to the caller's tenant; only service callers may name another."
    )
