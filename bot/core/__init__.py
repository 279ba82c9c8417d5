"""The ground layer: clock, configuration, texts, links and time parsing.

It imports nothing of the project, so every other layer may import it.
"""
