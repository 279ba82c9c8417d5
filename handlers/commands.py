"""Which commands exist, for whom, and how they are described (for /bantuan and the menu)."""

from __future__ import annotations

from dataclasses import dataclass

from db.officers import ROLE_RANK, Role


@dataclass(frozen=True)
class CommandSpec:
    name: str
    min_role: Role | None  # None: also for people who are not registered
    aliases: tuple[str, ...] = ()

    @property
    def text_key(self) -> str:
        return f"cmd.{self.name}"


# The order here is the order in /bantuan and in Telegram's command menu: an officer's
# daily actions first.
COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("brief", "officer", ("pesan", "briefs")),
    CommandSpec("lapor", "officer", ("report",)),
    CommandSpec("tenggat", "officer", ("deadlines",)),
    CommandSpec("start", None),
    CommandSpec("profil", "officer", ("profile",)),
    CommandSpec("bahasa", "officer", ("language",)),
    CommandSpec("cuti", "officer", ("leave",)),
    CommandSpec("undang", "coordinator", ("invite",)),
    CommandSpec("petugas", "coordinator", ("people",)),
    CommandSpec("laporanku", "officer", ("myreports",)),
    CommandSpec("draf", "officer", ("draft",)),
    CommandSpec("isu", "officer", ("issue",)),
    CommandSpec("program", "officer", ("programs",)),
    CommandSpec("agenda", "officer", ("timeline",)),
    CommandSpec("peringkat", "officer", ("ranking",)),
    CommandSpec("rilis", "officer", ("release",)),
    CommandSpec("brief_baru", "coordinator", ("newbrief",)),
    CommandSpec("brief_kelola", "coordinator", ("managebrief",)),
    CommandSpec("rekap", "coordinator", ("recap",)),
    CommandSpec("laporan_bulanan", "coordinator", ("monthly_report",)),
    CommandSpec("tinjau", "coordinator", ("review",)),
    CommandSpec("rilis_bank", "coordinator", ("releasebank",)),
    CommandSpec("isu_daftar", "coordinator", ("issues",)),
    CommandSpec("pengumuman", "coordinator", ("announce",)),
    CommandSpec("jadwal", "coordinator", ("schedule",)),
    CommandSpec("libur", "admin", ("daysoff",)),
    CommandSpec("status", "admin"),
    CommandSpec("dataku", None, ("mydata",)),
    CommandSpec("bantuan", None, ("help",)),
    CommandSpec("batal", None, ("cancel",)),
)


def commands_for(role: Role | None) -> list[CommandSpec]:
    """The commands a person with ``role`` may use (None: not registered / not active)."""
    if role is None:
        return [spec for spec in COMMANDS if spec.min_role is None]
    rank = ROLE_RANK[role]
    return [spec for spec in COMMANDS if spec.min_role is None or ROLE_RANK[spec.min_role] <= rank]


def spec(name: str) -> CommandSpec:
    for item in COMMANDS:
        if item.name == name:
            return item
    raise KeyError(name)
