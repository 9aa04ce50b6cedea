"""Long operations of any kind: recorded, ended by webhook or poll, announced once.

`kind.OperationKind` says what a kind supplies; `registry.KINDS` lists the kinds;
`payload` reads webhook bodies in every documented shape. (Nothing is imported here, so
that the use cases can use `payload` without loading the kinds, which use them.)
"""
