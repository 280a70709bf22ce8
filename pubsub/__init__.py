"""Everything that knows broadcaster exists. The rest of the service sees `Channels` and nothing else."""

from pubsub.channels import RESYNC, BroadcastUnreachable, Channels, open_channels

__all__ = ["RESYNC", "BroadcastUnreachable", "Channels", "open_channels"]
