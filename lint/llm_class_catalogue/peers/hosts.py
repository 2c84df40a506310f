"""How each peer names the hosts and makers it describes, in our provider ids.

This is knowledge of the peers' formats (LiteLLM's `litellm_provider` values, models.dev's provider
folders, OpenRouter's id prefixes), not of the catalogue, so it sits with the readers. A name not in
the table is kept as the peer writes it, which never equals one of our hosts: a difference on such an
entry is classified as the peer describing another host.
"""

from __future__ import annotations

# fmt: off
HOSTS: dict[str, dict[str, str]] = {
    "litellm": {
        "openai": "openai", "text-completion-openai": "openai", "anthropic": "anthropic", "gemini": "google",
        "mistral": "mistral", "codestral": "mistral", "deepseek": "deepseek", "dashscope": "alibaba-qwen",
        "meta_llama": "meta", "bedrock": "aws-bedrock", "bedrock_converse": "aws-bedrock", "xai": "xai",
        "zai": "zhipu-ai", "voyage": "voyage-ai", "cloudflare": "cloudflare-workers-ai",
    },
    "models_dev": {
        "openai": "openai", "anthropic": "anthropic", "google": "google", "mistral": "mistral",
        "deepseek": "deepseek", "alibaba": "alibaba-qwen", "llama": "meta", "amazon-bedrock": "aws-bedrock",
        "xai": "xai", "zai": "zhipu-ai", "voyage": "voyage-ai", "cloudflare-workers-ai": "cloudflare-workers-ai",
    },
    "openrouter": {  # an id's prefix names the model's maker; OpenRouter routes it to the maker's API or others
        "openai": "openai", "anthropic": "anthropic", "google": "google", "mistralai": "mistral",
        "deepseek": "deepseek", "qwen": "alibaba-qwen", "meta-llama": "meta", "x-ai": "xai", "z-ai": "zhipu-ai",
        "voyageai": "voyage-ai",
    },
}
# fmt: on
# The providers whose models the peers list that the catalogue should have ("not catalogued").
NAMED_PROVIDERS = ("openai", "anthropic", "google", "alibaba-qwen", "deepseek", "mistral", "meta")


def ours(peer: str, host: str | None) -> str | None:
    """Our provider id for a peer's host name, or the peer's name itself."""
    return None if host is None else HOSTS.get(peer, {}).get(host, host)


def prefixes(peer: str, provider: str) -> tuple[str, ...]:
    """The peer's names for one of our providers (what its ids start with)."""
    return tuple(name for name, ours_id in HOSTS.get(peer, {}).items() if ours_id == provider)
