create table probe (id int);
