"""drafter: an offline assistant for drafting the annual 法治政府建设情况报告."""

__version__ = "0.1.0"
