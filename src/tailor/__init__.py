"""tailor: one reviewed medical article, rendered for each reader.

Importing tailor configures nothing and holds no state; build a :class:`Tailor` once and
share it::

    from tailor import Tailor, load_article
    t = Tailor(disclaimers="examples/disclaimers.yaml")  # the examples' deployment
    art = load_article("examples/articles/baclofen.yaml")
    out = t.render(art, audience="patient", format="html")
"""

from ._limits import SandboxLimits as SandboxLimits
from .audience import Audience as Audience
from .audience import AudienceSet as AudienceSet
from .audience import CitationStyle as CitationStyle
from .audience import JargonMode as JargonMode
from .batch import RenderRequest as RenderRequest
from .errors import ArticleError as ArticleError
from .errors import AudienceError as AudienceError
from .errors import BatchError as BatchError
from .errors import CatalogError as CatalogError
from .errors import ConfigError as ConfigError
from .errors import ErrorDetail as ErrorDetail
from .errors import GlossaryError as GlossaryError
from .errors import InputError as InputError
from .errors import InvariantError as InvariantError
from .errors import OutputError as OutputError
from .errors import OutputLimitError as OutputLimitError
from .errors import ReadabilityError as ReadabilityError
from .errors import TailorError as TailorError
from .errors import TemplateError as TemplateError
from .errors import UnknownAudienceError as UnknownAudienceError
from .errors import UnknownFormatError as UnknownFormatError
from .errors import UnknownLocaleError as UnknownLocaleError
from .errors import WorkerError as WorkerError
from .glossary import Glossary as Glossary
from .glossary import GlossaryEntry as GlossaryEntry
from .i18n import negotiate_locale as negotiate_locale
from .model import DEFAULT_DISCLAIMER as DEFAULT_DISCLAIMER
from .model import Article as Article
from .model import Point as Point
from .model import Reference as Reference
from .model import ReviewStatus as ReviewStatus
from .model import Section as Section
from .pipeline.load import load_article as load_article
from .pipeline.types import Rendering as Rendering
from .pipeline.types import Substitution as Substitution
from .readability import Finding as Finding
from .readability import JargonCandidate as JargonCandidate
from .readability import Prose as Prose
from .readability import ReadabilityReport as ReadabilityReport
from .readability import ReadabilityScorer as ReadabilityScorer
from .readability import Scores as Scores
from .readability import SentenceScore as SentenceScore
from .tailor import Tailor as Tailor
from .tools.notebook import Comparison as Comparison
from .tools.notebook import compare as compare

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_DISCLAIMER",
    "Article",
    "ArticleError",
    "Audience",
    "AudienceError",
    "AudienceSet",
    "BatchError",
    "CatalogError",
    "CitationStyle",
    "Comparison",
    "ConfigError",
    "ErrorDetail",
    "Finding",
    "Glossary",
    "GlossaryEntry",
    "GlossaryError",
    "InputError",
    "InvariantError",
    "JargonCandidate",
    "JargonMode",
    "OutputError",
    "OutputLimitError",
    "Point",
    "Prose",
    "ReadabilityError",
    "ReadabilityReport",
    "ReadabilityScorer",
    "Reference",
    "RenderRequest",
    "Rendering",
    "ReviewStatus",
    "SandboxLimits",
    "Scores",
    "Section",
    "SentenceScore",
    "Substitution",
    "Tailor",
    "TailorError",
    "TemplateError",
    "UnknownAudienceError",
    "UnknownFormatError",
    "UnknownLocaleError",
    "WorkerError",
    "__version__",
    "compare",
    "load_article",
    "negotiate_locale",
]
