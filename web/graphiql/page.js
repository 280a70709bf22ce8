const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

/const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

/const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Gconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Qconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

gconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

vconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

vconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

/const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

gconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

qconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

(const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

vconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

/const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

gconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

qconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

.const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

yconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

)const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

,const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

fconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

mconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

fconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

bconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

:const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

,const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

/const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

/const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

,const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

gconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

'const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

-const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

uconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

yconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

-const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

yconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

wconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

fconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

mconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

vconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

.const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

/const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

*const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

gconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

bconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Gconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Qconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

,const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

,const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Mconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

*const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

/const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

=const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

wconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Uconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

(const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

.const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

mconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

,const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

.const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

fconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

)const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

.const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

fconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

;const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

fconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

=const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Gconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Qconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

.const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Fconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

(const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

{const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

uconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

:const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

,const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

/const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

/const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

gconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

qconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

-const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

-const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

wconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

;const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Gconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Qconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

'const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Jconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

_const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

'const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

yconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

,const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

wconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

wconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

/const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

/const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

vconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

uconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

zconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

fconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

wconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

bconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

kconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

.const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

uconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

bconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Uconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

:const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

.const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

(const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

/const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

^const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

/const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

,const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

"const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

wconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

"const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

)const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

,const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

}const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

)const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

;const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

fconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

uconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Qconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

uconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

yconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

=const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

`const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

#const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Gconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Qconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

fconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

vconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

.const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

uconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

kconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

bconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

wconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

:const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

#const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

{const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

"const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

uconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

zconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

"const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

:const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

"const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Bconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

<const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

kconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

>const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

"const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

}const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

#const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

(const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

yconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

mconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

.const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

yconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

kconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

-const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

-const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

uconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

-const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

-const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

mconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

)const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

,const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

uconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

wconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

-const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

.const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

#const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

uconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

bconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

uconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

vconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

wconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

bconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

kconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

wconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

mconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

.const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

qconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

uconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

yconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

{const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

uconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

uconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

}const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

`const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

;const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Mconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

.const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

(const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

uconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

mconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

.const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

gconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

mconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Bconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

yconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

(const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

"const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

gconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

qconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

"const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

)const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

)const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

.const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

(const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

.const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

mconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

(const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Gconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Qconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

,const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

{const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

fconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

,const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

fconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

uconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Qconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

uconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

yconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

,const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

fconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

uconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Vconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

bconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

yconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

:const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

"const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

"const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

,const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Hconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

sconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

bconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

:const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

uconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

,const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

uconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Vconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

lconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

uconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

Dconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

pconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

cconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

aconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

iconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

oconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

nconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

:const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

tconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

rconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

uconst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

econst defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

,const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

 const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

}const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

)const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

,const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

)const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

;const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;


const defaultQuery = `# Headers, below: {"Authorization": "Bearer <token>"}
# A token: python main.py token --user alice --tenant acme
# Subscriptions run over a websocket with the same headers.

query {
  unreadCount
}
`;

