"""Running documents: prepared once per process (documents), subscription plans and their rendered payloads
(plans), and the executor that completes plain data in one pass (executor)."""
