"""Everything that knows broadcaster exists. The rest of the service sees `Channels` and nothing else."""

from pubsub.channels import RESYNC, Channels, open_channels

__all__ = ["RESYNC", "Channels", "open_channels"]
