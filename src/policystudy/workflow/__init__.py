"""The project workflow: paths of a project folder, parameters, the papermill pipeline and the CLI.

The only layer that knows about a project folder.
"""
