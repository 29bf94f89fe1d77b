module benchpeers/go

go 1.19
